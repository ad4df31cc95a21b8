realm shop {
  module m {
    // Two variants, one edit: --fix makes it once.
    export enum Colour {
      Red = "red"
      Green = "green"
    }

    enum Level {
      Low = 1
      High = 2
    }
  }
}
