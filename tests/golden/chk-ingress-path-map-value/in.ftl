realm r {
  module m {
    verb v(builtin.HttpRequest<Unit, {String: Int}, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /v/{id}
  }
}
