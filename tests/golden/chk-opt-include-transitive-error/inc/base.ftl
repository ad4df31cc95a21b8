module base {
  data Money {
    amount Int
  }
}
