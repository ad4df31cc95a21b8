realm r {
  module m {
    database postgres db
      +migration sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      +migration sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  }
}
