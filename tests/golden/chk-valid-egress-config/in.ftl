realm r {
  module m {
    config url String

    verb v(Unit) Unit
      +egress "${url}/path", "https://${url}", "$url", "${}"
  }
}
