realm r {
  module m {
    data E {} topic t m.E verb Consume(m.E) Unit +subscribe m.t from=latest deadletter
  }
}
