realm r {
  module m {
    data Page<T> { items [T] next String? }
    data Pair< K ,V > {
      key K
      value V
    }
  }
}
