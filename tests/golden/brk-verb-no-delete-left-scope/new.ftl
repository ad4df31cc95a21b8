realm shop {
  module m {
    export verb a(String) String
  }
}
