realm r {
  module m {
    data D {
      a Int ?
      b [String]?
      c {String: Int}?
      d m.Item?
    }
    verb v(String?) Int?
  }
}
