realm r {
  module o {
    export typealias Req builtin.HttpRequest<Unit, Unit, Unit>
  }

  module m {
    export verb a(o.Req) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /a
  }
}
