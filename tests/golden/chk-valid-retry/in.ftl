realm r {
  module m {
    data E {
    }

    topic t m.E

    verb a(m.E) Unit
      +subscribe m.t from=latest
      +retry 0

    verb b(m.E) Unit
      +subscribe m.t from=latest
      +retry 1m90s

    verb c(m.E) Unit
      +subscribe m.t from=beginning
      +retry 5 1s 1d

    verb d(m.E) Unit
      +subscribe m.t from=latest
      +retry 0 5s catch m.onFail

    verb e(m.E) Unit
      +subscribe m.t from=latest
      +retry 2h

    verb f(m.E) Unit
      +subscribe m.t from=latest
      +retry 0 catch m.onAny

    verb onFail(builtin.CatchRequest<m.E>) Unit

    verb onAny(builtin.CatchRequest<Any>) Unit
  }
}
