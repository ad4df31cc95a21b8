realm foo {
				module one {
					export verb bytes(builtin.HttpRequest<Bytes, Unit, Unit>) builtin.HttpResponse<Bytes, Bytes>
						+ingress http GET /bytes
				}
			}