realm r {
  module m {
    verb v(Unit) Unit
      +cron 24h
  }
}
