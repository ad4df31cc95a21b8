realm shop {
  module m {
    // Two variants, one edit: --fix makes it once.
    export enum Colour: String {
      Red = "red"
      Green = "green"
    }

    enum Level: Int {
      Low = 1
      High = 2
    }
  }
}
