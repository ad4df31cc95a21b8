realm r {
  module m {
    verb one(Int) m.Row +sql query one "SELECT id, name FROM users WHERE id = $1"
    verb many(Unit) [m.Row]
      +sql   query   many "SELECT *\nFROM \"users\""
    verb exec(Unit) Unit +sql query exec "DELETE FROM t WHERE note = 'it''s'"
  }
}
