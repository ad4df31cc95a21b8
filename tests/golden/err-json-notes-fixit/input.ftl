realm r {
  module m {
    data D {
      x Int;
    }
    data F {
      y Int +alias xml "y"
    }
    enum E: Int {
      A = -1
    }
    verb v(Unit) Unit
      +egress "a\q"
    data G {
