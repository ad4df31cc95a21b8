realm r {
  module m {
    enum E: Int {
      A = 9223372036854775808
    }
  }
}
