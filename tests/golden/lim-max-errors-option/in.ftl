realm r {
  module m {
    data A { x Nope1 }
    data B { x Nope2 }
    data C { x Nope3 }
  }
}
