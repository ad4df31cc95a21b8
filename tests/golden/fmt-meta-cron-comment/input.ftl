realm r {
  module m {
    verb v(Unit) Unit
      +cron Mon // weekly, attaches to w
    verb w(Unit) Unit
      +cron 0 0 * * *// no space before the comment
    data D {}
  }
}
