realm r {
  module a {
    verb users(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /users/{id}
  }

  module b {
    verb byName(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /users/{name}
  }
}
