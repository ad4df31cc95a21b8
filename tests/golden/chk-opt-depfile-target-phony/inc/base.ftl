module base {
  export data Money {
    amount Int
  }
}
