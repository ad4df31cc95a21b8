realm r {
  module m {
    secret token String

    verb v(Unit) Unit
      +egress "https://example.com/${token}"
  }
}
