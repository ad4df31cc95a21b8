realm shop {
  module m {
    data D {
    }

    data E {
      x m.D@shop
    }
  }
}
