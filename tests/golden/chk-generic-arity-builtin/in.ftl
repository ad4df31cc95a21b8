realm r {
  module m {
    data D {
      r builtin.HttpRequest<Unit>
    }
  }
}
