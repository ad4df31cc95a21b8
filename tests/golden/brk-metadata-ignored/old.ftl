realm shop {
  module m {
    config limit Int

    export realm verb a(String) String
      +calls m.b
      +config m.limit

    verb b(String) String
  }
}
