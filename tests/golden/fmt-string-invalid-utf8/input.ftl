realm r {
  module m {
    enum S: String {
      Lone = "aÿb"
      Truncated = "Ã"
      TruncatedThree = "â‚z"
      Overlong = "À¯"
      Surrogate = "í €"
      Valid = "â‚¬"
    }
  }
}
