realm shop {
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

  // Orders service.
  //
  // Owns the order lifecycle.
  module orders {
    +git "https://example.com/shop.git" "4f2c9e1" dirty
    config limit Int
    config region String
    secret apiKey String

    database postgres db

    topic onPlacedFailed builtin.FailedEvent<orders.Placed>
    // Raised when an order is placed.
    export topic placed orders.Placed
      +partitions 4

    typealias Meta {String: [String]}

    export realm enum Status: String {
      Pending = "pending"
      Done = "done"
    }

    export realm data Item {
      sku String
      qty Int
    }

    export realm data PlaceRequest {
      items [orders.Item]
      // Free text.
      note String? +alias json "n"
      product catalog.Product
    }

    export realm data PlaceResponse {
      id Int
      status orders.Status
    }

    export data Placed {
      id Int
      at Time
    }

    verb audit(orders.PlaceRequest) Unit

    verb onPlaced(orders.Placed) Unit
      +publish orders.onPlacedFailed
      +subscribe orders.placed from=beginning deadletter
      +retry 3 5s 1m

    export realm verb place(orders.PlaceRequest) orders.PlaceResponse
      +calls catalog.lookupProductDetails, catalog.reserveInventoryForOrder,
            orders.audit, orders.sweep
      +database uses orders.db
      +config orders.limit

    verb sweep(Unit) Unit
      +cron 0 */5 * * * *
  }

  module catalog {
    export realm data Product {
      id String
      tags {String: Int}
    }

    export verb lookupProductDetails(String) catalog.Product

    export verb reserveInventoryForOrder(catalog.Product) Unit
  }
}
