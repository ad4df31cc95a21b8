realm foo {
			module test {
				export topic topicA test.eventA

				topic topicB test.eventB

				topic StartsWithUpperCase test.eventA

				export data eventA {
				}

				data eventB {
				}

				verb wrongEventType(test.eventA) Unit
					+subscribe test.topicB from=beginning

				verb sourceCantSubscribe(Unit) test.eventB
					+subscribe test.topicB from=latest

				verb emptyCantSubscribe(Unit) Unit
					+subscribe test.topicB from=beginning

				verb subWithDeadLetter(test.eventA) Unit
					+subscribe test.topicA from=beginning deadletter

				topic subWithExistingDeadLetterFailed builtin.FailedEvent<test.eventB>
				verb subWithExistingDeadLetter(test.eventA) Unit
					+subscribe test.topicA from=beginning deadletter
				
				data subWithClashingDeadLetterFailed {}
				verb subWithClashingDeadLetter(test.eventA) Unit
					+subscribe topicA from=beginning deadletter
			}
		}