realm shop {
  module m {
    export realm enum T: String {
      A = "a"
      B = "b"
    }

    export realm verb get(Unit) m.T
  }
}
