realm r {
  module m {
    data D { +generated }
    verb v(Unit) Unit +generated
    topic t m.D +generated
  }
}
