realm r {
  module m {
    typealias A [m.P]

    data P {
    }

    export realm typealias B {String: m.A}
  }
}
