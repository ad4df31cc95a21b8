realm r {
  module m {
    verb seed(Unit) Unit +fixture
    verb manualSeed(Unit) Unit +fixture manual
  }
}
