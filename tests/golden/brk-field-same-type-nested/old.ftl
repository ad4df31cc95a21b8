realm shop {
  module m {
    export realm data T {
      a [Int]
      b {String: m.U}
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
