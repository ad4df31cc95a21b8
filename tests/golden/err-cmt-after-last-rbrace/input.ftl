realm r {
  module m {
  }
}
// bye
