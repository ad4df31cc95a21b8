realm r {
  module o {
    export verb onFail(String) String
  }

  module m {
    data E {
    }

    topic t m.E

    verb v(m.E) Unit
      +subscribe m.t from=latest
      +retry 3 1s catch o.onFail
  }
}
