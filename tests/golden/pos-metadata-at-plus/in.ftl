realm r {
  module m {
    verb v(Unit) Unit
      +cron Mon
      +  cron Tue
    data D {
      f Int +generated
    }
  }
}
