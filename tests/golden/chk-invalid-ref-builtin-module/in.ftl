realm r {
  module m {
    data D {
      x builtin
    }
  }
}
