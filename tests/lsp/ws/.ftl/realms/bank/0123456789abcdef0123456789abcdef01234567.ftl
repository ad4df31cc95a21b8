realm bank {
  // Accounts of the bank.
  module accounts {
    // An account.
    export realm data Account {
      id String
      owner String
    }

    // The balance of an account.
    export realm verb balance(accounts.Account) accounts.Account

    export realm verb audit(accounts.Account) Unit
      +calls accounts.balance
  }
}
