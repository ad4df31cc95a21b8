realm shop {
  // Checkout: turns a cart into a paid order.
  module checkout {
    +git "https://example.com/shop.git" "4f2c9e1"
    // Place an order for the items of a cart, and pay for it.
    export realm verb place(checkout.Order) checkout.Receipt
      +calls checkout.audit, checkout.charge, catalog.lookup
      +database uses checkout.orders

    // Charges the customer's bank account. The bank's types appear only in
    // verbs that are not 'export realm': shop's public API stays its own.
    verb charge(accounts.WithdrawRequest@bank) accounts.Balance@bank
      +calls accounts.withdraw@bank

    verb audit(checkout.Order) Unit

    export realm data Order {
      id String
      // The customer's account at the bank.
      account String
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

  // Catalog: what the shop sells.
  module catalog {
    export data Product {
      sku String
      price Int
      tags {String: [String]}
    }

    export verb lookup(String) catalog.Product?
  }
}
