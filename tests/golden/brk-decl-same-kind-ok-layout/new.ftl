realm shop {
  module m {
    export realm verb b(Unit) Unit

    export realm verb a(m.Req) Unit

    // Another comment.
    export realm data Req {
      n Int
      id String
    }
  }
}
