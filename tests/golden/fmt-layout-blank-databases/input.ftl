realm r {
  module m {
    database postgres a

    database mysql b
    database postgres c +migration sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    config x Int
    database postgres d
  }
}
