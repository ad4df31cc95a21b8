realm shop {
  module m {
    data Old {
      x Int
    }

    data New {
      x Int
    }

    export realm verb a(m.Old) Unit
  }
}
