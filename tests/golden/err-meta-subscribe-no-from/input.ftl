realm r {
  module m {
    verb v(Unit) Unit
      +subscribe m.t
  }
}
