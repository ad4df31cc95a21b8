realm r {
  module m {
    typealias X String
      +alias json "x"
  }
}
