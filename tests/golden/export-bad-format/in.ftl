realm shop {
  module checkout {
    // Roots: every 'export realm' declaration, of any kind.
    export realm verb pay(checkout.PayRequest) checkout.Receipt
      +calls checkout.audit, payments.charge
      +database uses checkout.db

    export realm topic paid checkout.Receipt

    export realm typealias Cents Int

    export realm data PayRequest {
      cart checkout.Cart
      amount checkout.Cents
      currency payments.Currency
    }

    export realm data Receipt {
      id String
      lines [checkout.Line]
      totals {String: checkout.Total?}
    }

    export realm data Cart {
      id String
    }

    export realm data Line {
      sku String
    }

    export realm data Total {
      cents Int
    }

    // Reached through types only, not marked: published, with a warning.
    export realm verb quote(checkout.Quote) Unit

    data Quote {
      amount Int
    }

    export realm enum Shape {
      Box checkout.Box
    }

    data Box {
      side Int
    }

    // Reached only through metadata: not published.
    verb audit(checkout.PayRequest) Unit

    database postgres db

    data Unused {
      x Int
    }
  }

  module payments {
    export realm enum Currency: String {
      Eur = "EUR"
      Usd = "USD"
    }

    export verb charge(Unit) Unit

    export data Private {
      x Int
    }
  }
}
