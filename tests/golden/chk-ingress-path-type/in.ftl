realm r {
  module m {
    verb v(builtin.HttpRequest<Unit, Bytes, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /v
  }
}
