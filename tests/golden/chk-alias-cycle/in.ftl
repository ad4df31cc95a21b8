realm r {
  module m {
    typealias A m.B
    typealias B m.A

    enum E: m.A {
      X = 1
    }
  }
}
