realm r {
  module a {
    export enum E: b.Code {
      A = 1
    }
  }

  module b {
    export typealias Code String
  }
}
