realm shop {
  module checkout {
    verb pay(Unit) payments.Money@bank
      +calls payments.charge@bank
  }
}
