realm shop {
  module m {
    export realm typealias Cents Int

    export realm data T {
      a m.Cents
    }

    export realm verb send(m.T) Unit
  }
}
