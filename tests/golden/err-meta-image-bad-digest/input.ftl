realm r {
  module m {
    +image "x":"zz"
  }
}
