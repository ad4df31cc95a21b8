realm r {
  module m {
    verb v(Unit) Unit
      +calls Int
  }
}
