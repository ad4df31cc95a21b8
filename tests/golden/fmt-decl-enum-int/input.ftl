realm r {
  module m {
    enum Level: Int {
      Zero = 0
      Eight = 010
      Seven 007
      Big = 9223372036854775807
      Ten 10
    }
  }
}
