realm r {
  module m {
    verb v(Unit) String
      +cron Mon
  }
}
