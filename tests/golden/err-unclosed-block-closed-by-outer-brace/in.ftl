realm r {
  module a {
    data D {
      x Int
    }

    verb v(Unit) Unit
}
