realm r {
  module m {
    data D { f Int +generated }
  }
}
