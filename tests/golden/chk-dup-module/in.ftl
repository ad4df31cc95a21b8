realm r {
  module a {
  }

  module a {
  }
}
