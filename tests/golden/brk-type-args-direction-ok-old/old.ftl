realm shop {
  module m {
    export realm data Page<T> {
      items [T]
    }

    export realm data Item {
      id String
    }

    export realm verb list(Unit) m.Page<m.Item>
  }
}
