realm r {
  module m {
    enum S: String {
      RawNewline = "line1
line2"
      RawTab = "a	b"
      RawCR = "ab"
      RawEsc = "[0m"
    }
  }
}
