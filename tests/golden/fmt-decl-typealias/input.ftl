realm r {
  module m {
    typealias Id String
    typealias Uuid Any +typemap go "github.com/google/uuid.UUID" +typemap kotlin "java.util.UUID"
    typealias Meta {String: [String]}
  }
}
