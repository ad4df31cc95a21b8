realm shop {
  module m {
    data D {
      x Int
    }

    data E {
      a m.D<String>
      b [m.D<Int, m.D<Int>>]
    }
  }
}
