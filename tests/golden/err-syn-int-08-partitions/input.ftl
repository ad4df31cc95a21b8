realm r {
  module m {
    topic t Int
      +partitions 08
  }
}
