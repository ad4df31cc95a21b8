realm r {
  module m {
    verb a(Unit) Unit
      +cron 12h

    verb b(Unit) Unit
      +cron */10 * * * * * *

    verb c(Unit) Unit
      +cron 0 */5 * * * *

    verb d(Unit) Unit
      +cron * */2 0-23/2,4-5 * * * *

    verb e(Unit) Unit
      +cron Mon

    verb f(Unit) Unit
      +cron 0 5-1,3 * * *

    verb g(Unit) Unit
      +cron 0h

    verb h(Unit) Unit
      +cron fri

    verb i(Unit) Unit
      +cron 30 s

    verb j(Unit) Unit
      +cron 0 0 * * * 2030
  }
}
