realm foo {
				module one {
					verb verbWithWrongInput(builtin.Empty) Unit
						+cron * * * * * * *
					verb verbWithWrongOutput(Unit) builtin.Empty
						+cron * * * * * * *
				}
			}