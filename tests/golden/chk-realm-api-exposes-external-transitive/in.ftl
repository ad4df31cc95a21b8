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
    export realm verb place(c.Order) Unit

    data Order {
      lines [c.Line]
    }

    data Line {
      price {String: payments.Money@bank}
    }
  }
}
