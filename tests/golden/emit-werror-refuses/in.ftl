external realm bank {
  module payments {
    export realm verb charge(Unit) Unit

    export realm data Money {
      amount Int
    }
  }
}

realm shop {
  module c {
    data D {
    }

    data E {
      x c.D@shop
    }
  }
}
