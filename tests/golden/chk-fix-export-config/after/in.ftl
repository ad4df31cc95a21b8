realm shop {
  module m {
    config a String
    secret b String
    database postgres d
  }
}
