realm r {
  module a {
    verb q(Unit) Unit
      +calls b.h
      +sql query one "SELECT 1"
  }

  module b {
    database postgres db

    export verb h(Unit) Unit
      +database uses db
  }
}
