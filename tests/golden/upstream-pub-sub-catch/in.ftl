realm foo {
		module test {
			// pub sub basic set up

			data EventA {}
			data EventB {}

			topic topicA test.EventA
			topic topicB test.EventB

			// catch verbs

			verb catchA(builtin.CatchRequest<test.EventA>) Unit
			verb catchB(builtin.CatchRequest<test.EventB>) Unit
			verb catchAWithResponse(builtin.CatchRequest<test.EventA>) test.EventA
			verb catchUnit(Unit) Unit
			verb catchBWithEventType(test.EventB) Unit

			// subscribers

			verb correctSubA(test.EventA) Unit
				+subscribe test.topicA from=beginning
				+retry 1 1s catch test.catchA

			verb correctSubB(test.EventB) Unit
				+subscribe test.topicB from=latest
				+retry 1 1s catch test.catchB

			verb incorrectSubAWithCatchB(test.EventA) Unit
				+subscribe test.topicA from=beginning
				+retry 1 1s catch test.catchB

			verb incorrectSubAWithCatchWithResponse(test.EventA) Unit
				+subscribe test.topicA from=beginning
				+retry 1 1s catch test.catchAWithResponse

			verb incorrectSubBWithCatchUnit(test.EventB) Unit
				+subscribe test.topicB from=beginning
				+retry 1 1s catch test.catchUnit

			verb incorrectSubBWithCatchEvent(test.EventB) Unit
				+subscribe test.topicB from=beginning
				+retry 1 1s catch test.catchBWithEventType

			verb incorrectSubBWithCatchNotAVerb(test.EventB) Unit
				+subscribe test.topicB from=beginning
				+retry 1 1s catch test.EventB
		}
		}