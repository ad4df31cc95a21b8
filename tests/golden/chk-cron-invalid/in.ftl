realm r {
  module m {
    verb a(Unit) Unit
      +cron 24h

    verb b(Unit) Unit
      +cron 90s

    verb c(Unit) Unit
      +cron 1d

    verb d(Unit) Unit
      +cron 0 0 30 2 *

    verb e(Unit) Unit
      +cron * * * *

    verb f(Unit) Unit
      +cron 0 61 * * *

    verb g(Unit) Unit
      +cron * * * * * 1999

    verb h(Unit) Unit
      +cron Monday

    verb i(Unit) Unit
      +cron 0 0 * 5-1 *
  }
}
