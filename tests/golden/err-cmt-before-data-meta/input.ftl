realm r {
  module m {
    data D {
      // gen
      +generated
      x Int
    }
  }
}
