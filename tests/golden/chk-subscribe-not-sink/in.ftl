realm r {
  module m {
    data B {
    }

    topic t m.B

    verb v(m.B) m.B
      +subscribe m.t from=latest
  }
}
