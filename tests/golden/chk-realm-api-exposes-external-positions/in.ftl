external realm bank {
  module payments {
    export realm data Money {
      amount Int
    }
  }
}

realm shop {
  module c {
    export realm typealias Price payments.Money@bank

    export realm enum Amount {
      M payments.Money@bank
    }

    export realm topic paid payments.Money@bank

    export realm enum Cur: payments.Money@bank {
    }

    export realm verb charge(builtin.HttpRequest<payments.Money@bank, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http POST /charge
  }
}
