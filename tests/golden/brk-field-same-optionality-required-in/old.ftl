realm shop {
  module m {
    export realm data T {
      a Int?
    }

    export realm verb send(m.T) Unit
  }
}
