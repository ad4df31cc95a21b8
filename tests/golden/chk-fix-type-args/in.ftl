realm shop {
  module m {
    data D<T> {
      x T<String>
    }

    enum E: String {
      A = "a"
    }

    data F {
      e m.E<Int>
      d m.D<String>
      f m.E@shop<Int>
    }
  }
}
