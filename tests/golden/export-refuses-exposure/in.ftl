external realm bank {
  module payments {
    export realm data Money {
      amount Int
    }
  }
}

realm shop {
  module checkout {
    export realm data Order {
      total payments.Money@bank
    }

    export realm verb place(checkout.Order) Unit
  }
}
