realm r {
  module m {
    data D {
      a payments.Money@bank
      b payments . Money @ bank
      c [payments.Money@bank]?
    }
    verb v(payments.Money@bank) Unit
  }
}
