realm shop {
  module m {
    export realm verb a(String) String
    export verb b(String) String
    verb c(String) String
  }
}
