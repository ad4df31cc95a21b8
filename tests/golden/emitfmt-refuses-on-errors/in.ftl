realm r {
  module m {
    data D {
      x m.Nope
    }
  }
}
