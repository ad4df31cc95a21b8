realm r {
  module a {
    export typealias A b.B
    typealias C a.A
  }
  module b {
    export typealias B a.A
  }
}
