realm shop {
  module m {
    export realm data T {
      a Int
    }

    export realm verb get(Unit) m.T
  }
}
