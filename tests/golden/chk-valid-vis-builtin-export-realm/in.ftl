realm r {
  module m {
    export realm data D {
      e builtin.Empty
    }

    export realm verb v(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /v
  }
}
