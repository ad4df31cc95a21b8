realm r {
  module m {
    verb v(Unit) Unit
      +egress "http://x
    data D {}
  }
}
