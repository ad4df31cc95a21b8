realm shop {
  module m {
    export realm enum T: String {
      A = "a"
      B = "b"
    }

    export realm verb send(m.T) Unit
  }
}
