realm r {
  module m {
    export realm data D { e builtin.Empty }
  }
}
