realm shop {
  module m {
    export realm data T {
      x Int
    }

    export realm verb a(m.T) Unit
  }
}
