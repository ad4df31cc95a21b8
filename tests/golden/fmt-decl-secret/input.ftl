realm r {
  module m {
    secret apiKey String
    secret   creds {String: String}
  }
}
