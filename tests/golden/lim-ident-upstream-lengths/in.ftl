realm r {
  module m {
    // Identifiers of 63 and 65 characters are ordinary names (64 would be a
    // SHA-256 digest: Tokens in ftl-schema(5)); the E0105 limit is far above them.
    data Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx {
      abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb Int
      abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb String
    }
  }
}
