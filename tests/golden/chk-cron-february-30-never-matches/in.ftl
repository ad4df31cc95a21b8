realm r {
  module m {
    verb v(Unit) Unit
      +cron 0 0 30 2 *
  }
}
