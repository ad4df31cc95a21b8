realm r {
  module m {
    enum E {
      A = "a"
      B = 1
      C String
    }
  }
}
