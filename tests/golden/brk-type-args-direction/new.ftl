realm shop {
  module m {
    export realm data Page<T> {
      items [T]
    }

    export realm data Item {
      id String
      name String
    }

    export realm verb put(m.Page<m.Item>) Unit
  }
}
