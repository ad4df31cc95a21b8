realm shop {
  module billing {
    verb bill(orders.Order) Unit
  }
}
