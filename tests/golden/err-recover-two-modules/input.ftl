realm r {
  module a {
    data A {
      x Int;
    }
    data B {}
  }
  module b {
    verb v(Unit) Unit
      +calls
    data C {}
  }
  module c {
    data D { x [Int] }
  }
}
