realm shop {
  module m {
    export realm enum A {
      X Float
      Y String
    }

    export realm verb send(m.A) Unit
  }
}
