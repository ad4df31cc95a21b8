realm r {
  module m {
    data 1D {}
  }
}
