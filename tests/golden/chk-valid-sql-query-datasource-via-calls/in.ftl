realm r {
  module m {
    database postgres a

    verb q(Unit) Unit
      +calls m.h, m.q
      +sql query many "SELECT 1"

    verb h(Unit) Unit
      +database uses m.a, m.a
      +calls m.q
  }
}
