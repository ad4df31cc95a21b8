realm r {
  module m {
    config  a Int
    config b Int
    config c Int
    config d Int
    config e Int
    config f Int
    config g Int
    config h Int
    config i Int
    config j Int
    config k Int
    config l Int
    config m   Int
  }
}
