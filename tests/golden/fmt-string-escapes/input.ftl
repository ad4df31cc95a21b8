realm r {
  module m {
    enum S: String {
      Newline = "a\nb"
      Tab = "a\tb"
      Quote = "say \"hi\""
      Backslash = "C:\\dir\\"
      Bell = "\a\b\f\r\v"
      Control = "\x01\x1f\x7f"
      Octal = "\101\060\000"
      Unicode = "caf\u00e9 \U0001F600"
      Raw = "café ünïcödé 日本 😀"
      NonPrintable = "\u00a0\u00ad\u200b\ufeff\U000e0001\u0085"
      Single = "it's"
    }
  }
}
