realm r {
  module m {
    verb v(E) Unit
      +subscribe t from=latest
      +retry 3 1s catch onFail

    verb onFail(CatchRequest<E>) Unit

    topic t E

    data E {
    }
  }
}
