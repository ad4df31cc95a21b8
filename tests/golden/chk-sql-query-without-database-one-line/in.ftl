realm r {
  module m {
    verb q(Unit) Unit +sql query one "SELECT 1"
  }
}
