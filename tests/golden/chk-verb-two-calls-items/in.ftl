realm r {
  module m {
    verb v(Unit) Unit +calls m.a +calls m.b verb a(Unit) Unit verb b(Unit) Unit
  }
}
