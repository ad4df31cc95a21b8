realm shop {
  module billing {
    verb bill(orders.Order) Unit
      +subscribe orders.placed from=beginning
  }

  module orders {
    export data Order {
      item String
    }

    export topic placed orders.Order
  }
}
