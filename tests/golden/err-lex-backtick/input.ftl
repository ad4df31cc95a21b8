realm r {
  module m {
    verb v(Unit) Unit
      +sql query one `SELECT 1`
  }
}
