realm shop {
  module m {
    export realm data Node {
      value Int
      next m.Node?
    }

    export realm data Link {
      value Int
      next m.Node?
      extra String
    }

    export realm verb walk(m.Link) Unit
  }
}
