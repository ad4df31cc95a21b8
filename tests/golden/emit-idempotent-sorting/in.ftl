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
    config Region String
    config url String
    secret apiKey String
    secret token String

    database mysql accounts
    database postgres orders

    topic events m.apple
      +partitions 2
      +generated

    typealias Alias String
    typealias Meta {String: [String]}
      +typemap go "x.Meta"
      +typemap go "y.Meta"

    enum Color: Int {
      Red = 2
      Blue = 1
    }

    data Zebra<T, A> {
      +generated
      +encoding json lenient
      t T
    }

    data apple {
      z Int
      a Int
    }

    verb Zeta(Unit) Unit

    verb all(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /all
      +alias json "x"
      +encoding json
      +calls m.Zeta, m.zeta
      +database uses m.orders
      +secrets m.apiKey, m.token
      +config m.url
      +sql query one "SELECT 1"
      +generated
      +fixture manual
      +transaction
      +egress "https://${url}/b", "https://z"

    verb zeta(Unit) Unit
  }
}
