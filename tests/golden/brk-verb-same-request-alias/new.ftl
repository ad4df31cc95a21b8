realm shop {
  module m {
    export realm typealias Cents Int

    export realm verb a(m.Cents) Unit
  }
}
