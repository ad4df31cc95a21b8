realm foo {
				module one {
					export verb one(builtin.Empty) builtin.Empty
						+calls two.two
				}

				module two {
					export verb two(builtin.Empty) builtin.Empty
						+calls one.one
				}
			}