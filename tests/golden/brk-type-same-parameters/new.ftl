realm shop {
  module m {
    export realm data Page<T, U> {
      items [T]
      more [U]?
    }

    export realm verb list(Unit) m.Page<String, Int>
  }
}
