realm shop {
  module checkout {
    verb place(Unit) Unit
  }
}
