realm r {
  module m {
    enum E {
      A Int
      // c
    }
  }
}
