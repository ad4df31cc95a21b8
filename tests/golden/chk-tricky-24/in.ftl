realm r {
  module m {
    data Empty {} verb v(Empty) Unit
  }
}
