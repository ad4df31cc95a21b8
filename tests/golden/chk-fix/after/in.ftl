realm shop {
  module a {
    export data P {
      x Int
    }

    export data D {
      p a.P
      q a.Q
    }

    export data Q {
      y String
    }
  }
}
