realm r {
  module int {
  }

  module string {
  }
}
