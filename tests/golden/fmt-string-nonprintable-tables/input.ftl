realm r {
  module m {
    enum S: String {
      // Unassigned (Cn): not printable for Go, so escaped.
      Unassigned = "\u0378\ufff0\U000e01f0"
      // Format characters (Cf) outside the common ranges.
      Format = "\u08e2\U000110bd\U0001d173\U00013430"
      // Printable neighbours stay raw.
      Printable = "\u0377\u08e3\U000110be"
    }
  }
}
