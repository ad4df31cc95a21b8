realm r {
  module m {
    verb a(Unit) Unit
      +calls m.b
  }
}
