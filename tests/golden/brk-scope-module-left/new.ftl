realm shop {
  module m {
    verb b(String) String
  }
}
