realm shop {
  module m {
    export realm enum T: String {
      A = "x"
    }

    export realm verb echo(m.T) m.T
  }
}
