realm shop {
  module orders {
    verb place(a.A) Unit
  }
}
