realm shop {
  module m {
    export realm data A {
      x Int
    }

    export realm data B {
      y String
    }

    export realm verb a(Unit) m.A
  }
}
