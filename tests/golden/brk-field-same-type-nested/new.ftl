realm shop {
  module m {
    export realm data T {
      a [String]
      b {String: m.V}
    }

    export realm data U {
      x Int
    }

    export realm data V {
      x Int
    }

    export realm verb send(m.T) Unit
  }
}
