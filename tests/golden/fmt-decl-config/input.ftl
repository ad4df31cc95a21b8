realm r {
  module m {
    config limit   Int
    config region String?
    config  endpoints [String]
  }
}
