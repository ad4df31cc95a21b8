realm r {
  module m {
    data D {
      a other.Item
      b m . Item
      c m.Int
    }
  }
}
