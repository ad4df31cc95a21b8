realm foo {
				module one {
					verb a(builtin.Empty) builtin.Empty
						+calls two.a
					export verb b(builtin.Empty) builtin.Empty
				}

				module two {
					export verb a(builtin.Empty) builtin.Empty
						+calls one.b
				}
			}