realm r {
  module m {
    export:realm data D {}
    export:realm verb v(Unit) Unit
    export:realm enum E: Int { A = 1 }
    export:realm typealias T String
    export:realm topic t m.D
  }
}
