realm r {
  module a b {
    data A {}
  }
  module c {
    data C { x Int?? }
  }
}
