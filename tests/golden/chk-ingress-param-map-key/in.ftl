realm r {
  module m {
    verb v(builtin.HttpRequest<Unit, {Time: String}, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /v/{id}
  }
}
