realm foo {
				module one {
					export verb bytes(builtin.HttpRequest<Bytes, Unit, Unit>) builtin.HttpResponse<Bytes, Bytes>
						+ingress http POST /bytes
					export verb string(builtin.HttpRequest<String, Unit, Unit>) builtin.HttpResponse<String, String>
						+ingress http POST /string
					export verb data(builtin.HttpRequest<builtin.Empty, Unit, Unit>) builtin.HttpResponse<builtin.Empty, builtin.Empty>
						+ingress http POST /data

					// Invalid types.
					export verb any(builtin.HttpRequest<Any, Unit, Unit>) builtin.HttpResponse<Any, Any>
						+ingress http GET /any
					export verb path(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<String, String>
						+ingress http GET /path/{invalid}
					export verb pathInvalid(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<String, String>
						+ingress http GET /path/{invalid}/{extra}
					export verb pathMissing(builtin.HttpRequest<Unit, one.Path, Unit>) builtin.HttpResponse<String, String>
						+ingress http GET /path/{missing}
					export verb pathFound(builtin.HttpRequest<Unit, one.Path, Unit>) builtin.HttpResponse<String, String>
						+ingress http GET /path/{parameter}

					// Data comment
					export data Path {
						parameter String
					}
				}
			}