realm r {
  module m {
    export verb a(builtin.Empty) builtin.Empty
      +ingress http GET /a
  }
}
