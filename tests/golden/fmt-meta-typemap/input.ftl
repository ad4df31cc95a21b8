realm r {
  module m {
    typealias Uuid Any
      +typemap go "github.com/google/uuid.UUID"
      +typemap kotlin "java.util.UUID"
      +typemap java "java.util.UUID"
      +typemap go "again"
  }
}
