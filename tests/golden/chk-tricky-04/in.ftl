realm r {
  module m {
    data A {} // about B
    data B {}
  }
}
