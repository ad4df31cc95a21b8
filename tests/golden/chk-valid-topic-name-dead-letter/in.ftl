realm r {
  module m {
    data E {
    }

    topic t m.E

    verb consume(m.E) Unit
      +subscribe m.t from=latest deadletter
  }
}
