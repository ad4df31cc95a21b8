realm r {
  module m {
    enum E {}
    enum V: String {
    }
  }
}
