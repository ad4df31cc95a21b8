realm shop {
  module m {
    export realm verb a(m.Missing) Unit
  }
}
