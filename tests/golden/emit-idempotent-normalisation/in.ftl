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
    topic t m.D

    enum E: Int {
      A = 8
      B = 9
      C = 0
    }

    enum S: String {
      A = "x"
      B = "tab\there \"q\" é"
    }

    enum T {
      A String
      B m.D
    }

    export realm data D {
      n String? +alias json "n"
      x [String?]
      y {String: Int?}
      c m.Page<Int?>
      q String +sql column "my table"."col x"
      r String +sql column t.c
    }

    export realm data Page<T> {
      items [T]
    }

    verb c(builtin.CatchRequest<m.D>) Unit

    verb sub(m.D) Unit
      +subscribe m.t from=latest
      +retry 0

    verb sub2(m.D) Unit
      +subscribe m.t from=latest
      +retry 0 catch m.c

    verb sweep(Unit) Unit
      +cron 0 5 * * *

    verb web(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress GET /a/{id}/b-c.d
  }
}
