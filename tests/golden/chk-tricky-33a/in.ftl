realm r {
  module m {
    data P {} export enum E { A m.P }
  }
}
