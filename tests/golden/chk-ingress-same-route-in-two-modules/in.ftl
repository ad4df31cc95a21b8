realm r {
  module a {
    verb v(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /users/{id}
  }

  module b {
    verb w(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /users/{name}
  }
}
