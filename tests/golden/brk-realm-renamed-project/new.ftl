module m {
  export realm data Req {
    account String
    amount Int
  }

  export realm data Balance {
    balance Int
    currency String
  }

  export realm verb withdraw(m.Req) m.Balance

  export realm verb deposit(m.Req) m.Balance
}
