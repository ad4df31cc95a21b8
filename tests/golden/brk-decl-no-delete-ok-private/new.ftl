realm shop {
  module m {
    export realm data A {
      x Int
    }
  }
}
