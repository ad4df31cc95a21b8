external realm bank {
  module accounts {
    export realm data Acc {
      id String
    }
  }
}

realm shop {
  module m {
    verb b(accounts.Acc@bank) Unit
  }
}
