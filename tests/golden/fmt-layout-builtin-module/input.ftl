realm r {
  // Built-in types for FTL.
  builtin module builtin {
    export data Empty {}
    export data Ref { module String name String }
  }
  module m { data D { e builtin.Empty } }
}
