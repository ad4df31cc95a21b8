realm r {
  module m {
    verb v(Unit) Unit
      +egress "a\uD800 b"
  }
}
