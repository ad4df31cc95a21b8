realm r {
  module m {
    data Empty {}
    data AlsoEmpty {

    }
  }
}
