realm r {
  module m {
    data D { x [String?] }
  }
}
