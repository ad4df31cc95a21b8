realm r {
  module m {
    data D {
      x elsewhere.X
    }
  }
}
