realm foo {
				module one {
					database postgres MY_DB
					database postgres MY_DB
				}
			}