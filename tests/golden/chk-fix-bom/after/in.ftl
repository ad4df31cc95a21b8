realm shop {
  module m {
    config a String
  }
}
