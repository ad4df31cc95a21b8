realm r {
  module m {
    data P {
      id String
    }

    verb v(builtin.HttpRequest<Unit, m.P, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /v/{id}/{name}
  }
}
