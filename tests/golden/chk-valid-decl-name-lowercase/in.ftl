realm r {
  module m {
    data string {
    }

    verb int(Unit) Unit
  }
}
