realm r {
  module m {
    data E {
    }

    topic t m.E
      +calls m.v
      +partitions 0

    verb v(Unit) Unit
  }
}
