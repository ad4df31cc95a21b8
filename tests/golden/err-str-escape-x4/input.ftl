realm r {
  module m {
    verb v(Unit) Unit
      +egress "a\x4 b"
  }
}
