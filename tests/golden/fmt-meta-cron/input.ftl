realm r {
  module m {
    verb every5(Unit) Unit
      +cron */5 * * * *
    verb hourly(Unit) Unit +cron 0 * * * *
    verb seconds(Unit) Unit
      +cron 0 */5 * * * *
    verb interval(Unit) Unit
      +cron 12h
    verb weekly(Unit) Unit
      +cron Mon
    verb workdays(Unit) Unit
      +cron 0,30 9-17 * * MON-FRI
  }
}
