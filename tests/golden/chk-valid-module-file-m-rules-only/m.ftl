module m {
  data P {
  }

  export data D {
    p m.P
    y other.Thing
  }

  enum E {
  }

  enum V: Int {
    A = "a"
  }

  database postgres db
    +calls m.v

  verb q(Unit) Unit
    +sql query one "SELECT 1"

  verb v(Unit) Unit
    +calls m.D
}
