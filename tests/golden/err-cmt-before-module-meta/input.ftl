realm r {
  module m {
    // git
    +git "r" "c"
  }
}
