realm shop {
  module m {

  }
}
