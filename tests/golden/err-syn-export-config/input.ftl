realm r {
  module m {
    export config c String
  }
}
