realm r {
  module m {
    data D {
      x Int
  }
    data E {}
  }
