realm r {
  module m {
    verb v(Unit)
    data E {}
  }
}
