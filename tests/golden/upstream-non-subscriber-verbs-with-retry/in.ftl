realm foo {
				module one {
					verb A(builtin.Empty) Unit
						+retry 10 5s 20m
					verb B(builtin.Empty) Unit
						+retry 1m5s 20m30s
					verb C(builtin.Empty) Unit
				}
			}