realm foo {
			module map {
			}
		}