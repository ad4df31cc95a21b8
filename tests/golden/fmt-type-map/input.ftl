realm r {
  module m {
    data D {
      a {String:Int}
      b { String : [Bool] }
      c {Int: {String: m.Item}}
    }
  }
}
