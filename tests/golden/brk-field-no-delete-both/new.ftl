realm shop {
  module m {
    export realm data T {
      a Int
    }

    export realm verb echo(m.T) m.T
  }
}
