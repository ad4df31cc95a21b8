realm r {
  module m {
    verb b(Unit) Unit
    verb a(Unit) Unit
      +calls m.b
  }
}
