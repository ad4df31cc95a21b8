realm shop {
  module checkout {
    data Payment {
      balance accounts.Balance@bank
    }
  }
}
