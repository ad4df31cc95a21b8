realm r {
  // A module.
  module m {
    +git "r" "c"
    export data D<T> {
      x [T]? +alias json "x"
    }
    enum E: Int { A = 010 }
    verb v(m.D<Int>) Unit
      +calls other.w@bank
      +retry 3 5s
  }
}
