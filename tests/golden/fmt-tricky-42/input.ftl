realm r { module m {
 verb a(Unit) Unit +cron 12h
 verb b(Unit) Unit +cron 24h
 verb c(Unit) Unit +cron 90s
 verb d(Unit) Unit +cron 1d
 verb e(Unit) Unit +cron 0 0 30 2 *
} }
