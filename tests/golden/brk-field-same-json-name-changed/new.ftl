realm shop {
  module m {
    export realm data T {
      a Int +alias json "z"
      b Int
    }

    export realm verb get(Unit) m.T
  }
}
