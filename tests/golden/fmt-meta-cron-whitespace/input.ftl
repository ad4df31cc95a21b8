realm r {
  module m {
    verb v(Unit) Unit
      +cron 0  5 *	* *
    verb w(Unit) Unit
      +cron	  1 2  3 4 5	
  }
}
