realm r {
  module m {
    data String {}
  }
}
