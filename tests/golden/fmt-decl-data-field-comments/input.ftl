realm r {
  module m {
    data D {
      // The identifier.
      id Int
      //   padded comment   
      //
      // second paragraph
      name String
      //no space
      age Int
    }
  }
}
