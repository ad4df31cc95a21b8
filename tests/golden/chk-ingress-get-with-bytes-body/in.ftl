realm r {
  module m {
    export verb v(builtin.HttpRequest<Bytes, Unit, Unit>) builtin.HttpResponse<Bytes, Bytes>
      +ingress http GET /b
  }
}
