realm r {
  module m {
    enum E: Int {
      A
      B = 2
    }
  }
}
