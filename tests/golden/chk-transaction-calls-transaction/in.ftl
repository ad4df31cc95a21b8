realm r {
  module m {
    database postgres db
    
    verb t(Unit) Unit
      +database uses m.db
      +transaction
      +calls m.u
    
    verb u(Unit) Unit
      +database uses m.db
      +transaction
  }
}
