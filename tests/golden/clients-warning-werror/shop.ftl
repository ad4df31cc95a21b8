realm shop {
  module checkout {
    data Order {
      id String
    }

    export realm verb place(checkout.Order) Unit
  }
}
