realm r {
  module m {
    verb v(Unit) Unit +calls m.b, m.a verb a(Unit) Unit verb b(Unit) Unit
  }
}
