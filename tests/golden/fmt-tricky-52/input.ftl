realm r { module m { data D { x Int } typealias B m.D export verb v(builtin.HttpRequest<m.B, Unit, Unit>) builtin.HttpResponse<Unit, Unit> +ingress http POST /b
 } }
