realm r {
  module m {
    data D {
      +calls m.v
    }

    verb v(Unit) Unit
  }
}
