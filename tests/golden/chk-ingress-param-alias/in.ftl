realm r {
  module m {
    typealias Id String

    verb v(builtin.HttpRequest<Unit, m.Id, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /u/{id}
  }
}
