realm shop {
  module m {
    export realm verb a(String) Unit

    export realm verb b(String) Unit
  }
}
