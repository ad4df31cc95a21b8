external realm bank {
  module payments {
    export verb charge(Unit) Unit

    export realm data Money {
      amount Int
    }

    export realm topic t payments.Money
  }
}
realm shop {
  module c {
    verb pay(Unit) Unit
      +calls payments.charge@bank
  }
}
