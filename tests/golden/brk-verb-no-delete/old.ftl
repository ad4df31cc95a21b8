realm shop {
  module m {
    export realm verb a(String) String
    export realm verb b(String) String
  }
}
