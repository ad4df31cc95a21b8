realm r {
  module m {
    data E {}
    topic t m.E
    verb v(m.E) Unit
      +subscribe m.t from=latest
      +retry 10 5s 1s
  }
}
