realm r {
  module m {
    data P {} export data D { p m.P }
  }
}
