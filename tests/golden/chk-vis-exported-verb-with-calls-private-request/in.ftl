realm r {
  module m {
    data P {} export verb v(m.P) Unit +calls m.v
  }
}
