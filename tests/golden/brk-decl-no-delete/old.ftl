realm shop {
  module m {
    export realm data A {
      x Int
    }

    export realm enum E: Int {
      One = 1
    }

    export realm typealias Cents Int
  }
}
