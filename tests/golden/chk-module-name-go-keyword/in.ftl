realm r {
  module map {
  }
}
