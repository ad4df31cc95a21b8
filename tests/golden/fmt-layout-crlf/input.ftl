realm r {
  // Windows line endings.
  //
  module m {
    verb v(Unit) Unit
      +cron 0 * * * *
    data D {
      // café
      x Int
    }
  }
}
