realm shop {
  module a {
    data P {
      x Int
    }

    export data D {
      p a.P
    }

    export realm data E {
      p a.P
    }
  }
}
