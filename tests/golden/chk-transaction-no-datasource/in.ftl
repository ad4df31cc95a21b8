realm r {
  module m {
    verb t(Unit) Unit
      +transaction
  }
}
