realm r {
  module m {
    verb v(Unit) Unit +database uses m.db
    verb w(Unit) Unit
      +database   uses m.orders, m.ledger
    // The counter starts at 6 for "+database uses" too.
    verb x(Unit) Unit
      +database uses catalog.reserveItems, billing.sendInvoices, shipping.createLabel, m.db
  }
}
