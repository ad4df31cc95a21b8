realm r {
  module m {
    config c String
    secret s String

    data D {
      +config m.c
      +secrets m.s
      +sql column t.c
      +sql query one "SELECT 1"
      +generated
    }
  }
}
