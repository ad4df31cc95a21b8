realm shop {
  module m {
    export realm enum T: String {
      A = "a"
    }

    export realm verb echo(m.T) m.T
  }
}
