realm r {
  module m {
    typealias Code String

    enum E: m.Code {
      A = 1
      B = "b"
      C [String]
    }
  }
}
