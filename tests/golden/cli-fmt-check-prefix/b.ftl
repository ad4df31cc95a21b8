module m {
  data A {
    x Int
  }
}