realm r {
  module builtin {
    export data X {
    }
  }
}
