realm r {
  module m {
    enum S: String {
      Hex = "\xff"
      HexUpper = "\xFF\xC3\xA9"
      Octal = "\377"
    }
  }
}
