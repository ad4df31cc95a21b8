realm r {
  module m {
    data café {}
  }
}
