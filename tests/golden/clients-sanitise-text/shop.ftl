realm shop {
  module def {
    verb val(Unit) Unit
      +calls class.pass@type, fun.run@import, Lambda.Call@Go
  }
}
