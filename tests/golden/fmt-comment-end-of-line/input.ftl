realm r {
  module m {
    data A {} // about B
    data B {
      x Int // about y
      y Int
    }
    enum E: Int {
      P = 1 // about Q
      Q = 2
    }
    verb v(Unit) Unit // about w
    verb w(Unit) Unit +calls m.v // about c
    config c Int
  }
}
