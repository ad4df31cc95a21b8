realm r {
  module m {
    data E {
    }

    topic t m.E
    topic vFailed m.E

    verb v(m.E) Unit
      +subscribe m.t from=latest deadletter
  }
}
