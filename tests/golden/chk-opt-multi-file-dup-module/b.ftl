realm shop {
  module billing {
  }

  module orders {
  }
}
