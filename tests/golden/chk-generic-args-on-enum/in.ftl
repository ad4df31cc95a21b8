realm r {
  module m {
    enum E: Int {
    }

    data D {
      x m.E<Int>
    }
  }
}
