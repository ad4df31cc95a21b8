realm r {
  module m {
    verb v(Unit) Unit
      +egress "café ${host}" +calls m.nope
  }
}
