module m {
  export verb a(HttpRequest<Nope, Unit, Unit>) HttpResponse<Unit, Unit>
    +ingress http POST /a
}
