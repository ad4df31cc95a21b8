realm shop {
  module m {
    export realm data T {
      a Int +alias json "x"
      b Int +alias json "y"
    }

    export realm verb get(Unit) m.T
  }
}
