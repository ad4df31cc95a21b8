realm r {
  module m {
    verb v(Unit) Unit
      +ingress http GET /a/
  }
}
