realm r {
  module m {
    data Row {
      // 64 word characters would lex as a SHA256 token, so the part stays quoted.
      a Int +sql column "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".x
      // 63 characters are an identifier.
      b Int +sql column "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".y
    }
  }
}
