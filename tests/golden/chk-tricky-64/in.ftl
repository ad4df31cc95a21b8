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
    export realm verb api(Unit) Unit
      +calls c.quote

    verb quote(Unit) payments.Money@bank
  }
}
