realm r {
  module m
    data D {
      x Int;
    }
    enum E: Int {
      A = -1
    }
    verb v(Unit) Unit
      +egress "a\q"
