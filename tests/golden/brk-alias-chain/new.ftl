realm shop {
  module m {
    export realm typealias A m.B

    export realm typealias B Int

    export realm verb a(Int) Unit
  }
}
