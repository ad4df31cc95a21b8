realm r {
  module m {
    verb v(Unit) Unit
      +config m.limit,m.region
      +secrets   m.apiKey
    verb w(Unit) Unit +config limit +secrets other.token, m.apiKey
  }
}
