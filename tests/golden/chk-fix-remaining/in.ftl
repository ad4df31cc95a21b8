realm shop {
  module a {
    data P {
      x Int
    }

    export data D {
      p a.P
      r a.Nope
      q a.Q@shop
    }

    data Q {
      y Strin
    }
  }
}
