realm foo {
				module one {
					data Data {}
					export verb one(builtin.HttpRequest<[one.Data], Unit, Unit>) builtin.HttpResponse<[one.Data], builtin.Empty>
					    +ingress http POST /one
					    +ingress http POST /two
				}
			}