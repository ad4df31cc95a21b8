realm shop {
  module m {
    data D {
      x Int
    }

    data E {
      a m.D
      b [m.D]
    }
  }
}
