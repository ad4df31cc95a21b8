realm r {
  module m {
    verb v(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress GET /a
  }
}
