realm r {
  module m {
    config X String
    secret X String

    data Foo {
    }

    verb Foo(Unit) Unit
  }
}
