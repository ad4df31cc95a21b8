realm r {
  module m {
    data A {
      x Int??
    }
    verb v(Unit Unit
    data B {
      y [String]
    }
    enum E: Int {
      X = -1
    }
    data C {
      z Int
    }
  }
}
