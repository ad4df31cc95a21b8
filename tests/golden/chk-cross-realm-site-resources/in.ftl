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
    config limit payments.Money@bank
    secret key payments.Money@bank

    verb pay(Unit) Unit
      +config payments.url@bank
      +secrets payments.url@bank
      +database uses payments.ledger@bank
  }
}
