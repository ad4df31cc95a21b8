realm r {
  module m {
    typealias Req builtin.HttpRequest<Unit, Unit, Unit>
    typealias Resp m.Resp2
    typealias Resp2 builtin.HttpResponse<String, String>

    verb a(m.Req) m.Resp
      +ingress http GET /a
  }
}
