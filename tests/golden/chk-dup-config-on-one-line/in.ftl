realm r {
  module m {
    config X String config X Int
  }
}
