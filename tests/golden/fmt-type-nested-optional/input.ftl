realm r {
  module m {
    data D {
      a [String?]
      b {String: Int?}
      c {String?: Int}
      d m.Page<Int?>
      e [[Bool?]?]?
    }
  }
}
