realm shop {
  module m {
    export realm data T {
      a Float
    }

    export realm verb get(Unit) m.T
  }
}
