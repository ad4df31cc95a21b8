external realm bank {
  module accounts {
    export realm data Acc {
      id Int
    }

    export realm data Other {
      n Int
    }
  }
}

realm shop {
  module m {
    export realm verb a(String) String

    verb b(accounts.Acc@bank) Unit
  }
}
