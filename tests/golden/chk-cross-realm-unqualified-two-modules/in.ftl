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
    // Two modules of bank declare Money: no edit.
    data Order {
      price Money@bank
    }
  }
}
