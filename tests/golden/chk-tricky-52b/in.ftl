realm r {
  module m {
    typealias B [String]
    
    verb v(builtin.HttpRequest<m.B, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http POST /v
  }
}
