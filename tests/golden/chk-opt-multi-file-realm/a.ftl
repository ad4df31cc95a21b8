realm shop {
  module orders {
    export data Order {
      id Int
    }
  }
}
