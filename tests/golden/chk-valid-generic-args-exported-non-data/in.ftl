realm r {
  module o {
    export enum E: Int {
    }
  }

  module m {
    export typealias Alias String

    data D {
      x o.E<Int>
      y m.Alias<Int>
    }
  }
}
