realm r {
  module m {
    data D {} verb v(Unit) Unit +calls m.D
  }
}
