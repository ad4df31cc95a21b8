realm shop {
  module m {
    // The request.
    export realm data Req {
      // its id
      id String
      n Int
    }

    export realm verb a(m.Req) Unit
      +calls m.b

    export realm verb b(Unit) Unit
  }
}
