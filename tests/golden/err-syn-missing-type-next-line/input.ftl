realm r {
  module m {
    data D {
      x
      y Int
    }
  }
}
