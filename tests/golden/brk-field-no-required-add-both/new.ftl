realm shop {
  module m {
    export realm data T {
      a Int
      b String
    }

    export realm verb echo(m.T) m.T
  }
}
