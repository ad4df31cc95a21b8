realm r {
  module m {
    enum E {}
  }
}
