realm shop {
  module b {
    data E {
      x a.D@shop
    }

    verb w(Unit) Unit
      +egress "100%\t${host}"
      +cron Mon
      +cron Tue
  }
}
