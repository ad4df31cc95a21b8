realm r {
  module m {
    topic a m.E +partitions 1
    topic b m.E
      +partitions   16
    topic c m.E +partitions 010
    topic d m.E +partitions 0
  }
}
