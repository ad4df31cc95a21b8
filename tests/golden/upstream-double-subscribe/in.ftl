realm foo {
			module one {
				data EventA {}

				topic topicA one.EventA

				verb subA(one.EventA) Unit
					+subscribe one.topicA from=beginning
					+subscribe one.topicA from=beginning
			}
		}