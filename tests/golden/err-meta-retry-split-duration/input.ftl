realm r {
  module m {
    verb v(Unit) Unit
      +retry 10 5 s
  }
}
