realm r {
  module m {
    enum V: String {
      A = "a"
    }

    verb v(builtin.HttpRequest<Time, Unit, Unit>) builtin.HttpResponse<m.V, Unit>
      +ingress http POST /v
  }
}
