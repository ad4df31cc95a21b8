realm r {
  module m {
    typealias T Any
      +typemap rust "x"
  }
}
