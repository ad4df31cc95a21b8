realm shop {
  module m {
    export realm data T {
      // documented now
      a Int +alias json "x"
      b Int?
    }

    export realm verb send(m.T) Unit
  }
}
