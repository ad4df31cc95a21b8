external realm bank {
  module payments {
    export realm data Money {
      amount Int
    }

    export realm verb charge(payments.Money) Unit
  }
}
