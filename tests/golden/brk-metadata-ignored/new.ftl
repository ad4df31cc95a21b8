realm shop {
  module m {
    config limit Int

    export realm verb a(String) String

    verb b(String) String
      +calls m.a
  }
}
