realm bank {
  // Accounts: money in, money out, and what is left.
  module accounts {
    // How much to take out of an account, in cents.
    export realm data WithdrawRequest {
      account accounts.AccountId
      amount accounts.Cents
      // Shown on the account holder's statement.
      reference String?
    }

    export realm data DepositRequest {
      account accounts.AccountId
      amount accounts.Cents
    }

    export realm data BalanceRequest {
      account accounts.AccountId
    }

    // An account's balance after an operation.
    export realm data Balance {
      account accounts.AccountId
      balance accounts.Cents
      status accounts.Status
      updatedAt Time
    }

    export realm typealias AccountId String
    export realm typealias Cents Int

    export realm enum Status: String {
      Open = "open"
      Frozen = "frozen"
      Closed = "closed"
    }

    // Takes money out of an account; fails when the balance or the daily
    // limit would be exceeded.
    export realm verb withdraw(accounts.WithdrawRequest) accounts.Balance
      +calls accounts.post

    // Puts money into an account.
    export realm verb deposit(accounts.DepositRequest) accounts.Balance
      +calls accounts.post

    export realm verb balance(accounts.BalanceRequest) accounts.Balance
      +database uses accounts.ledger

    // One ledger entry: a positive amount is a deposit, a negative one a
    // withdrawal. Private: the API is withdraw, deposit and balance.
    data Entry {
      account accounts.AccountId
      amount Int
      reference String?
    }

    // Writes an entry to the ledger, within the daily withdrawal limit.
    verb post(accounts.Entry) accounts.Balance
      +database uses accounts.ledger
      +config accounts.dailyLimit

    database postgres ledger

    // The most one account may withdraw in a day, in cents.
    config dailyLimit Int
  }

  // Monthly statements of an account.
  module statements {
    export realm data StatementRequest {
      account accounts.AccountId
      // The month, as "2026-01".
      month String
    }

    export realm data Statement {
      account accounts.AccountId
      lines [statements.Line]
      closing accounts.Cents
    }

    export realm data Line {
      amount accounts.Cents
      reference String?
    }

    export realm verb statement(statements.StatementRequest) statements.Statement
  }
}
