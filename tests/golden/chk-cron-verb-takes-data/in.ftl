realm r {
  module m {
    verb v(m.E) Unit
      +cron Mon
    
    data E {}
  }
}
