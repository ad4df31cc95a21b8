realm shop {
  module m {
    export data E {
      id Int
    }

    export topic t m.E

    verb v(m.E) Unit
      +subscribe m.t from=latest
      +retry 3 30s1m 2h

    verb w(m.E) Unit
      +subscribe m.t from=latest
      +retry 3 1s 5m1h
  }
}
