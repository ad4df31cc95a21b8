realm shop {
  module zeta {
    export realm verb b(Unit) Unit
    export realm verb a(Unit) Unit
    export realm data Z {
    }
    export realm enum E: Int {
      One = 1
    }
    export realm typealias T Int
    export realm topic t zeta.Z
  }

  module alpha {
    export realm data apple {
    }
    export realm data Zebra {
    }
    export realm data Apple {
    }
  }

  module Mid {
    export realm verb v(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +encoding json
      +ingress http GET /v
  }
}
