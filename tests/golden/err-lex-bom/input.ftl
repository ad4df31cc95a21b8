realm r {
  module m {
  }
}
