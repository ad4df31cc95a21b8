realm shop {
  module checkout {
    verb place(Unit) Unit
      +calls accounts.withdraw@bank
  }
}
