realm r {
  module m {
    data E {} topic Events m.E
  }
}
