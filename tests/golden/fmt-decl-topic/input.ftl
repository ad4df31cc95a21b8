realm r {
  module m {
    topic events m.Event
    export topic orders m.Order +partitions 8
    topic audit String
      +partitions 010
  }
}
