realm shop {
  module m {
    export realm verb a(Unit) Unit
      +calls m.b

    verb b(m.T) Unit

    data T {
      x Int
    }
  }
}
