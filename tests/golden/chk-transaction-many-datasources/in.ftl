realm r {
  module m {
    database postgres a
    database postgres b

    verb t(Unit) Unit
      +database uses m.a, m.b
      +transaction
  }
}
