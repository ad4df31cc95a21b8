realm r {
  module a {
    export data A {
    }
  }

  module b {
    data B {
      a a.A
    }
  }
}
