realm shop {
  module m {
    export realm enum A {
      X Int
      Y String
    }

    export realm verb send(m.A) Unit
  }
}
