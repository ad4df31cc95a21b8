realm shop {
  module m {
    config a String
    config b String
    verb x(Unit) Unit
    verb y(Unit) Unit
    verb z(Unit) Unit

    // +calls and +config interleaved: one edit merges both.
    verb v(Unit) Unit
      +calls m.x
      +config m.a
      +egress "https://example.com"
      +calls m.y, m.z
      +config m.b
      +calls m.x

    verb w(Unit) Unit +calls m.x +calls m.y
  }
}
