realm r {
  module m {
    data Foo {
    }

    verb Foo(Unit) Unit

    verb v(Unit) Unit
      +calls m.Foo
  }
}
