realm t {
  module o {
    data D { x Int }
  }
}
