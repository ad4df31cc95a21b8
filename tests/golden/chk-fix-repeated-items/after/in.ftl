realm shop {
  module m {
    config a String
    config b String
    verb x(Unit) Unit
    verb y(Unit) Unit
    verb z(Unit) Unit

    // +calls and +config interleaved: one edit merges both.
    verb v(Unit) Unit
      +calls m.x, m.y, m.z
      +config m.a, m.b
      +egress "https://example.com"

    verb w(Unit) Unit +calls m.x, m.y
  }
}
