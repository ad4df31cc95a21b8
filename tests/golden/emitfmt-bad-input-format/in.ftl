realm shop {
  module orders {
    // An order.
    export data Order {
      id Int
      items [orders.Item]
    }

    export data Item {
      sku String +alias json "SKU"
    }

    verb place(orders.Order) Unit
      +retry 0
      +subscribe orders.created from=beginning
    export topic created orders.Order
  }
}
