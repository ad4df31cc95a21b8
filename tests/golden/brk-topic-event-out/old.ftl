realm shop {
  module m {
    export realm data Ev {
      x Int
      y String
    }

    export realm topic t m.Ev
  }
}
