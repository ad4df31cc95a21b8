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
    verb b(accounts.Other@bank) Unit
  }
}
