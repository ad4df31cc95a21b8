realm r {
  module m {
    data Event {
      +generated
      +encoding json lenient
      id Int
    }
    data OnlyMeta { +generated }
  }
}
