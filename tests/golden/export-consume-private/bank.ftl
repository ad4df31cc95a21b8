realm bank {
  module settle {
    verb run(checkout.Unused@shop) Unit
      +calls checkout.audit@shop
  }
}
