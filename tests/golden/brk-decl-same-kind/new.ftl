realm shop {
  module m {
    export realm enum A: Int {
      X = 1
    }

    export realm typealias B Int
  }
}
