realm foo {
				module one {
					verb A(builtin.Empty) Unit
						+retry 10 5 s
				}
			}