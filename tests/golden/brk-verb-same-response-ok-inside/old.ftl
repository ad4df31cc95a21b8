realm shop {
  module m {
    export realm data A {
      x Int
    }

    export realm verb a(Unit) m.A
  }
}
