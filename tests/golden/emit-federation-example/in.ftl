external realm bank {
  module payments {
    export realm verb charge(payments.ChargeRequest) payments.Money
    export realm data Money {
      amount Int
      currency String
    }
    export realm data ChargeRequest {
      account String
      amount Money
    }
  }
}

realm shop {
  module checkout {
    export realm verb pay(PayRequest) Receipt
      +calls payments.charge@bank
    verb quote(Cart) payments.Money@bank
    data Cart {
      total payments.Money@bank
    }
    export realm data PayRequest {
      cartId String
    }
    export realm data Receipt {
      id String
    }
  }
}
