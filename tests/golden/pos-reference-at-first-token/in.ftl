realm r {
  module m {
    data Page<T> { items [T] }
    data D {
      p m.Page<Int, String>
      q   m.Nope
      r [m.Page]
    }
  }
}
