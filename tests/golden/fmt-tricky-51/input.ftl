realm r { module m { export verb v(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit> +ingress GET /a
 } }
