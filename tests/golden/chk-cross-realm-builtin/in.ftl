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
    data D {
      x builtin.Empty@bank
    }
  }
}
