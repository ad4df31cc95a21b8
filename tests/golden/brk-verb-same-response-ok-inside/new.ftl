realm shop {
  module m {
    export realm data A {
      x Int
      y String?
    }

    export realm verb a(Unit) m.A
  }
}
