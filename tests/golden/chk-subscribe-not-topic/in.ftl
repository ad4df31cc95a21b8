realm r {
  module m {
    verb w(Unit) Unit

    verb v(Unit) Unit
      +subscribe m.w from=latest
  }
}
