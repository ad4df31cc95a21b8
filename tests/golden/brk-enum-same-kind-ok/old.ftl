realm shop {
  module m {
    export realm enum A: String {
      X = "x"
      Y = "y"
    }
  }
}
