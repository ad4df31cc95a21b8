realm r {
  module m {
    database postgres orders
    database mysql   ledger
      +migration sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    database postgres audit +migration sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210
  }
}
