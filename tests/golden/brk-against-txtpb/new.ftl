realm bank {
  module m {
    export realm data Req {
      account String
      amount Int
    }

    export realm data Balance {
      balance Int
    }

    export realm verb withdraw(m.Req) m.Balance
  }
}
