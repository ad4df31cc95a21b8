realm shop {
  module m {
    export realm data Ev {
      x Int
    }

    export realm topic t m.Ev
  }
}
