realm r {
  module m {
    config X String secret X String
  }
}
