realm r {
  module m {
    verb v(builtin.HttpRequest<Unit, Unit, String>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /v
  }
}
