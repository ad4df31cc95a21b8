realm r {
  module m {
    database postgres db
      +migration sha256:abc
  }
}
