realm r {
  module m {
    database postgres db
      +migration sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    database mysql keepsCase
      +migration sha256 : ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789
  }
}
