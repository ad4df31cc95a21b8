external realm bank {
  module payments {
    export realm verb charge(Unit) Unit
    export realm data Money {
      amount Int
    }
  }

  module ledger {
    export realm data Money {
      cents Int
    }
  }
}

realm shop {
  module m {
    export realm verb v(Unit) Unit
      +calls charge@bank

    data Order {
      total payments.Money@bank
    }
  }
}
