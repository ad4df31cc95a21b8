realm shop {
  module m {
    export realm data T {
      a Int +alias json "x"
    }

    export realm verb send(m.T) Unit
  }
}
