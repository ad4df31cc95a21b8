realm r {
  module m {
    database postgres db +calls m.v verb v(Unit) Unit
  }
}
