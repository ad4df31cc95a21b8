realm shop {
  module m {
    export realm data Ev {
      x Int
    }

    export realm data Ev2 {
      y String
    }

    export realm topic t m.Ev2
  }
}
