realm r {
  module m {
    verb v(Unit) Unit
      +sql column t.c
  }
}
