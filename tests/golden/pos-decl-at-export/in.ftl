realm r {
  module m {
    export data String {}
    data Int {}
  }
}
