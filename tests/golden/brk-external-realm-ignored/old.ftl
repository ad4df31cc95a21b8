external realm bank {
  module accounts {
    export realm data Acc {
      id String
    }
  }
}

realm shop {
  module m {
    export realm verb a(String) String

    verb b(accounts.Acc@bank) Unit
  }
}
