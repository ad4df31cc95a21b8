realm shop {
  module m {
    export realm enum A: String {
      X = "x"
    }

    export realm enum B: String {
      X = "x"
    }

    export realm enum C {
      X Int
    }
  }
}
