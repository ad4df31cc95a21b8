realm r {
  module m {
    data Page<T> { items [T] } data D { p m.Page }
  }
}
