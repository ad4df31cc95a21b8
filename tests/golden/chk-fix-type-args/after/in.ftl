realm shop {
  module m {
    data D<T> {
      x T
    }

    enum E: String {
      A = "a"
    }

    data F {
      e m.E
      d m.D<String>
      f m.E
    }
  }
}
