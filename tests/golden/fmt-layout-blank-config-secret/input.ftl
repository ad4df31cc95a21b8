realm r {
  module m {
    config a Int

    config b Int
    secret s1 String


    secret s2 String
    config c Int
    // About s3.
    secret s3 String
    secret s4 String
    config d Int
  }
}
