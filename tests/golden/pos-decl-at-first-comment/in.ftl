realm r {
  module m {
    data X {}

    // A second X.
    // With two comment lines.
    export data X {
      a Int
    }
  }
}
