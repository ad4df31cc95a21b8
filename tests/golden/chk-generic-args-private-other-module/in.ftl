realm r {
  module o {
    verb w(Unit) Unit
  }

  module m {
    data D {
      x o.w<Int>
    }
  }
}
