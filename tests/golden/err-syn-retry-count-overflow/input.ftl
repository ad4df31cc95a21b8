realm r {
  module m {
    verb v(Unit) Unit
      +retry 99999999999999999999 5s
  }
}
