realm shop {
  // Checkout: turns a cart into a paid order.
  module checkout {
    +git "https://example.com/shop.git" "4f2c9e1"
    // Place an order for the items of a cart.
    export realm verb place(checkout.Order) checkout.Receipt
      +calls checkout.audit, catalog.lookup
      +database uses checkout.orders

    verb audit(checkout.Order) Unit

    export realm data Order {
      id String
      items [checkout.Item]
      // Free text from the customer.
      note String? +alias json "n"
    }

    export realm data Item {
      sku String
      qty Int
    }

    export realm data Receipt {
      orderId String
      status checkout.Status
    }

    export realm enum Status: String {
      Placed = "placed"
      Paid = "paid"
    }

    database postgres orders

    verb sweep(Unit) Unit
      +cron 0 */5 * * * *
  }

  module catalog {
    export data Product {
      sku String
      price Int
      tags {String: [String]}
    }

    export verb lookup(String) catalog.Product?
  }
}
