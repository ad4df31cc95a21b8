realm r {
  module m {
    data E {
    }

    topic _events m.E
  }
}
