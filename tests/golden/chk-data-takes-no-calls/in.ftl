realm r {
  module m {
    data D { +calls m.v }
  }
}
