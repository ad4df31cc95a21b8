realm shop {
  module m {
    export config a String
    export  realm secret b String
    export database postgres d
  }
}
