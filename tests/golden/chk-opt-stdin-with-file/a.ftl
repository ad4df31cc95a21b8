realm shop {
  module a {
    export data A {
    }
  }
}
