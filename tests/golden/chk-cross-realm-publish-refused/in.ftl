external realm bank {
  module payments {
    export realm verb charge(Unit) Unit

    export realm data Money {
      amount Int
    }

    export realm topic t payments.Money
  }
}

realm shop {
  module c {
    verb pay(Unit) Unit
      +publish payments.t@bank
  }
}
