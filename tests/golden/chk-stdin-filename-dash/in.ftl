module m {
  data D {
    x Int
  }
}
