// Charges a customer; uses money.
module payments {
  export data Charge {
    amount money.Money
    customer String
  }

  export verb charge(payments.Charge) Unit
}
