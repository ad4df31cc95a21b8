realm r s {
  module a {
    data A {}
  }
}
realm t {
  module b {
    data B { x Int? }
  }
}
