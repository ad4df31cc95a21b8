realm shop {
  module m {
    export realm data Page<T> {
      items [T]
      next String?
    }

    export realm verb list(Unit) m.Page<String>
  }
}
