realm shop {
  module orders {
    verb place(lib.Item) Unit
  }
}
