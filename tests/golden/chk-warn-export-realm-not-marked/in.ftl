external realm bank {
  module payments {
    export realm verb charge(Unit) Unit

    export realm data Money {
      amount Int
    }
  }
}

realm shop {
  module c {
    export realm verb place(c.Order) Unit

    export data Order {
      sku String
      kind c.Kind
    }

    export enum Kind: String {
      A = "a"
    }

    export realm topic placed c.Order
  }
}
