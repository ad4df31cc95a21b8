realm r {
  module a {
  }

  module m {
    data D {
      x a
    }
  }
}
