realm r {
  module m {
    data D {
      a a.D<b.E<Int>>
      b a.D<b.E<c.F<Int>>, [String]>
    }
  }
}
