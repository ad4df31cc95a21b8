realm shop {
  module m {
    export realm data Node {
      value Int
      next m.Node?
    }

    export realm verb walk(m.Node) Unit
  }
}
