realm r {
  module m {
    verb v(Unit) Unit
      +egress "${nope}"
      +sql column t.c
      +generated
      +generated
      +retry 1 1s
      +cron Mon
      +cron Tue
  }
}
