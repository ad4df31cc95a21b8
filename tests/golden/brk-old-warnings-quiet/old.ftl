realm shop {
  module m {
    data T {
      x Int
    }

    export realm verb a(m.T) Unit
  }
}
