realm r {
  module m {
    data D {
      a Int +alias json "a_name"
      b Int +alias JSON "b"
      c Int +alias Json "c"
      d Int +alias unspecified "d"
      e Int +alias UNSPECIFIED "e"
      f Int +alias json "with \"quotes\""
    }
  }
}
