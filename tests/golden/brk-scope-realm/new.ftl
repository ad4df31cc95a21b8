realm shop {
  module m {
    export realm verb a(String) String

    export data T {
      y Int
    }
  }
}
