realm shop {
  module m {
    export realm data T {
      a Float
    }

    export realm verb echo(m.T) m.T
  }
}
