realm r {
  // Built-in types for FTL.
  builtin module builtin {
    // A reference to a declaration in the schema.
    export data Ref {
      module String
      name String
    }

    // HTTP request structure used for HTTP ingress verbs.
    export data HttpRequest<Body, Path, Query> {
      method String
      path String
      pathParameters Path
      query Query
      headers {String: [String]}
      body Body
    }

    // HTTP response structure used for HTTP ingress verbs.
    export data HttpResponse<Body, Error> {
      status Int
      headers {String: [String]}
      // Either "body" or "error" must be present, not both.
      body Body?
      error Error?
    }

    export data Empty {
    }

    // CatchRequest is a request structure for catch verbs.
    export data CatchRequest<Req> {
      verb builtin.Ref
      request Req
      requestType String
      error String
    }

    // FailedEvent is used in dead letter topics.
    export data FailedEvent<Event> {
      event Event
      error String
    }
  }

  module m {
    database postgres databaseNumberOneWithALongName
    database postgres databaseNumberTwoWithALongName
    database postgres db3

    verb a(Unit) Unit
      +calls
            m.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxa

    verb aaaaaaaaaaaaaaaaaaaa(Unit) Unit

    verb b(Unit) Unit
      +calls m.aaaaaaaaaaaaaaaaaaaa, m.bbbbbbbbbbbbbbbbbbbbb,
            m.cccccccccccccccccccc, m.dddddddddddddddddddd,
            m.eeeeeeeeeeeeeeeeeeee, m.ffffffffffffffffffff
      +database uses m.databaseNumberOneWithALongName,
            m.databaseNumberTwoWithALongName, m.db3

    verb bbbbbbbbbbbbbbbbbbbbb(Unit) Unit

    verb cccccccccccccccccccc(Unit) Unit

    verb dddddddddddddddddddd(Unit) Unit

    verb eeeeeeeeeeeeeeeeeeee(Unit) Unit

    verb ffffffffffffffffffff(Unit) Unit

    verb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxa(Unit) Unit
  }
}
