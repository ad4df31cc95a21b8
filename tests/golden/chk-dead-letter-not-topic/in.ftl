realm r {
  module m {
    data E {
    }

    data vFailed {
    }

    topic t m.E

    verb v(m.E) Unit
      +subscribe m.t from=latest deadletter
  }
}
