realm {
  module m {}
}
