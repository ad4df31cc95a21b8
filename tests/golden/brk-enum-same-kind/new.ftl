realm shop {
  module m {
    export realm enum A: Int {
      X = 1
    }

    export realm enum B {
      X String
    }

    export realm enum C: Int {
      X = 1
    }
  }
}
