realm r {
  module m {
    verb v(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /u/{a}/{b}
  }
}
