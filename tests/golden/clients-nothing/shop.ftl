realm shop {
  module checkout {
    data Order {
      id String
    }
  }
}
