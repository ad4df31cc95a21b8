realm r {
  module m {
    verb Int(Unit) Unit
    enum Bool: String {
    }
    typealias Time String
    config Any String
    secret Bytes String
    database postgres Float
    topic Unit String
  }
}
