realm shop {
  module m {
    export realm enum A: String {
      Y = "y"
      X = "x"
    }
  }
}
