realm r {
  module m {
    data E {} topic t m.E +calls m.v verb v(Unit) Unit
  }
}
