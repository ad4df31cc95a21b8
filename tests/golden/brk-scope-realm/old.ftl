realm shop {
  module m {
    export realm verb a(String) String
    export verb b(m.T) String
    verb c(String) String

    export data T {
      x Int
    }
  }
}
