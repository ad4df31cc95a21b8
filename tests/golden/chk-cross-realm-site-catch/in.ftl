external realm bank {
  module payments {
    export realm verb charge(Unit) Unit

    export verb refund(Unit) Unit

    export realm data Money {
      amount Int
    }

    config url String
    database postgres ledger

    export realm topic events payments.Money
  }
}

realm shop {
  module c {
    data E {
    }

    topic t c.E

    verb pay(c.E) Unit
      +subscribe c.t from=latest
      +retry 1 1s catch payments.charge@bank
  }
}
