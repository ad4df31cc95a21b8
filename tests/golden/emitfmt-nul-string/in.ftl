realm r {
  module m {
    enum E: String {
      A = "a\u0000b"
    }
  }
}
