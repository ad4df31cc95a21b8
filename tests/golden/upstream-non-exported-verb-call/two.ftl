
				module two {
					export verb two(builtin.Empty) builtin.Empty
						+calls one.one
				}