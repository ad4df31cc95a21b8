realm r {
  module m {
    verb v(Unit) Unit +egress "日本語 😀" & 
  }
}
