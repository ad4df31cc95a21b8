realm shop {
  module orders {
    verb place(nolib.Item) Unit
  }
}
