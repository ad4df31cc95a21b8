realm r {
  module m {
    typealias B m.D
    
    data D {}
    
    verb v(builtin.HttpRequest<m.B, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http POST /v
  }
}
