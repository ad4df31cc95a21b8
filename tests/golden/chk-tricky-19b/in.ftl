realm r {
  module m {
    data string {}
  }
}
