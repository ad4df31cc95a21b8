realm r {
  module m {
    data A {
    }

    data B {
    }

    topic t m.B

    verb v(m.A) Unit
      +subscribe m.t from=latest
  }
}
