realm r {
  module o {
    export data E {
    }

    topic t o.E
  }

  module m {
    verb v(o.E) Unit
      +subscribe o.t from=latest
  }
}
