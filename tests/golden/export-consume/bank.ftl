realm bank {
  module settle {
    verb run(checkout.PayRequest@shop) checkout.Receipt@shop
      +calls checkout.pay@shop
  }
}
