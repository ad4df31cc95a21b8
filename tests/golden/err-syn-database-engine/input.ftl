realm r {
  module m {
    database sqlite db
  }
}
