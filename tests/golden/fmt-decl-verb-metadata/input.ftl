realm r {
  module m {
    verb tick(Unit) Unit +cron 0 * * * *
    verb call(Unit) Unit
    +calls m.tick
    +config m.c
    config c String
  }
}
