realm r {
  module m {
    data D {
      f Int +alias json "f" +sql column t.f
    }
  }
}
