realm r {
  module a {
    data D {
      x a.Nope
    }
  }

  module c {
    data D {
      x Int
    }
  }
}
