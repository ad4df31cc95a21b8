realm r {
  module m {
    database postgres db
    // Queries.
    verb q(Unit) Unit
      +sql query one "SELECT 1"
    export verb t(Unit) Unit
      +transaction
    verb u(Unit) Unit
      +database uses m.db
      +transaction
      +calls m.t
  }
}
