realm foo {
				module one {
					export verb a(builtin.Empty) builtin.Empty
						+ingress http GET /a
				}
			}