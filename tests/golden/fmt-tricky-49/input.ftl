realm r { module a { export verb x(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit> +ingress http GET /users/{id} }
 module b { export verb y(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit> +ingress http GET /users/{name} } }
