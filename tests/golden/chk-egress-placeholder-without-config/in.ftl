realm r {
  module m {
    verb v(Unit) Unit +egress "${url}"
  }
}
