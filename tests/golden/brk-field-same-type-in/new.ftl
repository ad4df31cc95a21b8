realm shop {
  module m {
    export realm data T {
      a Float
    }

    export realm verb send(m.T) Unit
  }
}
