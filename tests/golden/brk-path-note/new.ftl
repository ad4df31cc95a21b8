realm shop {
  module m {
    data Req {
      account m.Account
    }

    data Account {
      owner m.Owner
    }

    data Owner {
      name String
    }

    export realm verb withdraw(m.Req) Unit
  }
}
