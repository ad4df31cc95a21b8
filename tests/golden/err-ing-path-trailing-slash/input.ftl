realm r { module m { export verb v(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<String, String> +ingress http GET /a/ } }
