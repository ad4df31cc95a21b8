realm r {
  module m {
    export data D {}
    export verb v(Unit) Unit
    export enum E: Int { A = 1 }
    export typealias T String
    export topic t m.D
  }
}
