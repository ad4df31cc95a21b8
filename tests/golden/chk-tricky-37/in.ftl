realm r {
  module m {
    verb w(Unit) Unit data D { x m.w }
  }
}
