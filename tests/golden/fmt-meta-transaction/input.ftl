realm r {
  module m {
    database postgres db
    verb tx(Unit) Unit +database uses m.db +transaction
  }
}
