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
    config y String
    config z String

    database postgres db

    verb a(Unit) Unit

    verb b(Unit) Unit

    verb one(Unit) Unit
      +calls m.b, m.a, m.b

    verb targets(Unit) Unit
      +egress "https://b", "https://a"

    verb targets2(Unit) Unit
      +database uses m.db
      +transaction
      +egress "https://a", "https://b"

    verb two(Unit) Unit
      +calls m.a, m.b, m.b
      +config m.y, m.z
  }
}
