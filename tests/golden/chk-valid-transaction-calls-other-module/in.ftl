realm r {
  module o {
    export verb w(Unit) Unit
  }

  module m {
    database postgres db

    verb t(Unit) Unit
      +database uses m.db
      +transaction
      +calls o.w, m.t
  }
}
