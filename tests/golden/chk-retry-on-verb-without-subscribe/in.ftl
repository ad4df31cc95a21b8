realm r {
  module m {
    verb v(Unit) Unit +retry 3 1s
  }
}
