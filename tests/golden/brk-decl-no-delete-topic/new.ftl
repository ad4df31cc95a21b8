realm shop {
  module m {
    export realm data Ev {
      x Int
    }
  }
}
