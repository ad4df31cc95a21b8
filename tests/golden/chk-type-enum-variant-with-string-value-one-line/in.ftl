realm r {
  module m {
    enum E { A = "a" }
  }
}
