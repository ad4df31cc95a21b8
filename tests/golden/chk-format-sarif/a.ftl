realm shop {
  module a {
    data P {
    }

    export data D {
      p a.P
      q a.Nope
    }

    verb v(Unit) Unit
      +calls a.D
  }
}
