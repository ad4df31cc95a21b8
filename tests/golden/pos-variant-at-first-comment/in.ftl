realm r {
  module m {
    enum E: Int {
      // Not an Int.
      A = "a"
      B = 1
    }
    enum T {
      C = 1
    }
  }
}
