realm r {
  module m {
    verb strict(Unit) Unit +encoding json
    verb lax(Unit) Unit +encoding json lenient
    data D {
      +encoding json
    }
  }
}
