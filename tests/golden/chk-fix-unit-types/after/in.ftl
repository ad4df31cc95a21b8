realm shop {
  module m {
    export data E {
      id Int
    }

    export topic t m.E

    verb tick(Unit) Unit
      +cron 5m

    // Two subscribers share the catch verb: its response is fixed once.
    verb v(m.E) Unit
      +subscribe m.t from=latest
      +retry 3 1s catch m.onFail

    verb w(m.E) Unit
      +subscribe m.t from=beginning
      +retry 2 1s catch m.onFail

    verb onFail(builtin.CatchRequest<m.E>) Unit
  }
}
