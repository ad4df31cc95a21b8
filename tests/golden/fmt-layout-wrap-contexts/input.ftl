realm r {
  module m {
    +calls catalog.reserveItems, billing.sendInvoices, catalog.lookupProduct, payments.chargeCard
    data D {
      +publish catalog.reserveItems, billing.sendInvoices, catalog.lookupProduct, payments.chargeCard
      x Int +calls catalog.reserveItems, billing.sendInvoices, catalog.lookupProduct, payments.chargeCard +alias json "x"
    }
  }
}
