realm foo {
				module one {

					data Event {}
				    topic topicA one.Event

					verb A(one.Event) Unit
						+retry 10 5s1m
						+subscribe one.topicA from=beginning
					verb B(one.Event) Unit
						+retry 1d1m5s1d
						+subscribe one.topicA from=beginning
					verb C(one.Event) Unit
						+retry 0h0m0s
						+subscribe one.topicA from=beginning
					verb D(one.Event) Unit
						+retry 1
						+subscribe one.topicA from=beginning
					verb E(one.Event) Unit
						+retry
						+subscribe one.topicA from=beginning
					verb F(one.Event) Unit
						+retry 20m20m
						+subscribe one.topicA from=beginning
					verb G(one.Event) Unit
						+retry 1s
						+retry 1s
						+subscribe one.topicA from=beginning
					verb H(one.Event) Unit
						+retry 2mins
						+subscribe one.topicA from=beginning
					verb I(one.Event) Unit
						+retry 1m 1s
						+subscribe one.topicA from=beginning
					verb J(one.Event) Unit
						+retry 1d1s
						+subscribe one.topicA from=beginning
					verb K(one.Event) Unit
						+retry 0 5s
						+subscribe one.topicA from=beginning

					verb catchSub(builtin.CatchRequest<Unit>) Unit

				}
			}