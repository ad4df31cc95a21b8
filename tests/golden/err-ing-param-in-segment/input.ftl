realm r {
  module m {
    verb v(Unit) Unit
      +ingress GET /a{id}
  }
}
