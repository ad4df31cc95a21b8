realm r {
  module m {
    data P { id Int }
    export verb v(builtin.HttpRequest<Time, m.P, {String: Int}>) builtin.HttpResponse<Any, Unit>
      +ingress http POST /users/{name}
    export verb w(builtin.HttpRequest<Unit, m.P, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /w
  }
}
