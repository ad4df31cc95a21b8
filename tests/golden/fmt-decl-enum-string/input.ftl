realm r {
  module m {
    enum Color: String {
      Red = "red"
      Green "green"
      Blue="blue"
    }
  }
}
