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
    export realm verb api(Unit) Unit
      +calls c.quote

    verb quote(Unit) payments.Money@bank

    data Cart {
      total payments.Money@bank
    }
  }
}
