realm r {
  module m {
    data E {} topic t m.E topic u m.E verb v(m.E) Unit +subscribe m.t from=latest +subscribe m.u from=latest
  }
}
