realm r {
  module m {
    data D {
      item Item
      data data
    }
    verb v(Request) Response
  }
}
