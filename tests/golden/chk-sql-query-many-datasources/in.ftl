realm r {
  module m {
    database postgres a
    database mysql b

    verb q(Unit) Unit
      +database uses m.a
      +calls m.h
      +sql query one "SELECT 1"

    verb h(Unit) Unit
      +database uses m.b
  }
}
