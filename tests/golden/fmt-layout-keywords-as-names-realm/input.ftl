realm realm {
  module export {
    data verb {
      realm realm
      export export
      Int Int
      module module.module
    }
    verb data(data) enum
    enum enum: String { enum = "enum" module = "module" }
    config secret secret
    secret config config
    database postgres mysql
    database mysql postgres
    topic topic topic
    typealias typealias typealias
    export realm data external {}
  }
}
