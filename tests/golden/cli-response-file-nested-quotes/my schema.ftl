realm shop {
  module a {
    data D {
      x a.E@shop
    }

    data E {
    }
  }
}
