realm r {
  module m {
    data D<T> {
      x T<Int>
    }
  }
}
