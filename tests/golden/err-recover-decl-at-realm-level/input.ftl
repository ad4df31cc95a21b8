realm r {
  module m {
    data D { x Int }
  }
  data X {}
  module n {
    data E { y Int?? }
  }
}
