external r {
  module m {}
}
