realm r {
  module m {
    verb v(Unit) Unit
      +egress "a\8 b"
  }
}
