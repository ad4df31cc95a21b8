realm r {
  module m {
    data D {}
  }
}
