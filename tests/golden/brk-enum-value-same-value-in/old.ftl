realm shop {
  module m {
    export realm enum T: String {
      A = "a"
    }

    export realm verb send(m.T) Unit
  }
}
