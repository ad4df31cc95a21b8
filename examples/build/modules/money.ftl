// Amounts of money, used by payments.
module money {
  export data Money {
    cents Int
    currency String
  }
}
