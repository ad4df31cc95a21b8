realm shop {
  module m {
    export realm enum T: String {
      A = "x"
    }

    export realm verb get(Unit) m.T
  }
}
