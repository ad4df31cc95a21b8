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

  module events {
    export topic happened events.Event

    export data Event {
      id Int
    }
  }

  module m {
    topic aFailed builtin.FailedEvent<events.Event>
    topic audit events.Event
    // Declared by hand, with the right event type: not generated again.
    topic bFailed builtin.FailedEvent<events.Event>
    topic cFailed builtin.FailedEvent<events.Event>
    topic dFailed builtin.FailedEvent<events.Event>
    topic t events.Event

    verb a(events.Event) Unit
      +publish m.aFailed
      +subscribe events.happened from=latest deadletter

    verb b(events.Event) Unit
      +publish m.bFailed
      +subscribe m.t from=beginning deadletter

    verb c(events.Event) Unit
      +publish m.audit, m.cFailed
      +subscribe m.t from=latest deadletter

    verb d(events.Event) Unit
      +publish m.audit, m.dFailed
      +subscribe m.t from=latest deadletter

    verb e(events.Event) Unit
      +subscribe m.t from=latest
  }
}
