realm r {
  module m {
    verb v(Unit) Unit
 +cron Mon 
 verb w(Unit) Unit
  }
}
