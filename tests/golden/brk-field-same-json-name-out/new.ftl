realm shop {
  module m {
    export realm data T {
      a Int +alias json "b"
    }

    export realm verb get(Unit) m.T
  }
}
