realm shop {
  module report {
    verb monthly(Unit) balance.Page@bank<balance.Withdrawal@bank>
      +calls balance.history@bank
  }
}
