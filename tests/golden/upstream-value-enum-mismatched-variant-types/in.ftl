realm foo {
				module one {
					enum Enum: Int {
						A = "A"
						B = 1
					}
				}
			}