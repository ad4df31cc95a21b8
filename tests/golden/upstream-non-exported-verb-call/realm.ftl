realm foo {
				module one {
					verb one(builtin.Empty) builtin.Empty
				}
			}