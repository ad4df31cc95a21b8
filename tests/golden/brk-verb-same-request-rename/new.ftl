realm shop {
  module m {
    export realm data A {
      x Int
    }

    export realm data B {
      x Int
    }

    export realm verb a(m.B) Unit
  }
}
