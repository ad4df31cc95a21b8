module m {
  verb v(HttpRequest<Unit, Unit, Unit>) HttpResponse<Unit, Unit>
    +ingress http GET /x
}
