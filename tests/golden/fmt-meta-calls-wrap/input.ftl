realm r {
  module m {
    // The width counter reaches exactly 70 after the third reference: no wrap.
    verb exact(Unit) Unit
      +calls catalog.reserveItems, billing.sendInvoices, shipping.createLabel, payments.chargeCard
    // One more character makes the third reference wrap.
    verb over(Unit) Unit
      +calls catalog.reserveItems, billing.sendInvoices, catalog.lookupProduct, payments.chargeCard
    // A long list wraps several times.
    verb many(Unit) Unit
      +calls catalog.reserveItems, billing.sendInvoices, shipping.createLabel, payments.chargeCard, catalog.lookupProduct, billing.sendInvoices, shipping.createLabel, payments.chargeCards, m.z
  }
}
