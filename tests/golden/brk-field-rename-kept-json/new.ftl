realm shop {
  module m {
    export realm data T {
      b Int +alias json "a"
    }

    export realm verb echo(m.T) m.T
  }
}
