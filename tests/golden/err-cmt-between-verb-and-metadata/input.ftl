realm r { module m { verb v(Unit) Unit
 // why
 +cron Mon
} }
