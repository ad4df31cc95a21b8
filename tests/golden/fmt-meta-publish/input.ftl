realm r {
  module m {
    verb v(Unit) Unit +publish m.events
    verb w(Unit) Unit
      +publish m.events , other.audit
  }
}
