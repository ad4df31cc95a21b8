realm shop {
  module orders {
  }
}
