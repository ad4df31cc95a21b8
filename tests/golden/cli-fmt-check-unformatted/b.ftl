realm r {
  module m {
    data D {
      x Int
    }

    verb v(Unit) Unit
      +calls m.w
  }
}
