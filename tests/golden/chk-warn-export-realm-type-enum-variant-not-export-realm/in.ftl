realm r {
  module m {
    data P {} export realm enum E { A m.P }
  }
}
