realm r {
  module m {
    data D {
      a m.Page<String>
      b Page<Int,String>
      c m.T@r<A, B>
      d m.T @ r < A , B >
    }
  }
}
