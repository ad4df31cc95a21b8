realm shop {
  module m {
    export realm data Page<T> {
      items [T]
    }

    export realm verb list(Unit) m.Page<String>
  }
}
