realm r {
  module m {
    verb v(m.E) Unit
      +retry 3
}
}
