realm shop {
  module m {
    export realm data A {
      x Int
    }

    data B {
      x Int
    }

    export data C {
      x Int
    }
  }
}
