module m {
  export realm data D {
  }
}
