realm r {
  module m {
    data D { x Map<String, Int> }
  }
}
