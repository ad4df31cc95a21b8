realm r {
  module m {
    export  realm data D {}
    export	realm verb v(Unit) Unit
    export
      realm enum E: Int { A = 1 }
  }
}
