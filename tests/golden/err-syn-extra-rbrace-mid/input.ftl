realm r {
  module m {
    data D {
      x Int
    }}
    data E {}
    verb v(Unit) Unit
  }
}
