realm shop {
  module m {
    export verb b(String) String
  }
}
