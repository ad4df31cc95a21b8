realm r { module m { export verb a(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit> +ingress http GET /u/{id}
 export verb b(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit> +ingress http GET /u/{a}/{b}
 } }
