realm shop {
  // Orders service.
  //
  // Owns the order lifecycle.
  module orders {
    +git "https://example.com/shop.git" "4f2c9e1" dirty

    export realm verb place(PlaceRequest) PlaceResponse
      +database uses db
      +calls audit, catalog.reserveInventoryForOrder, catalog.lookupProductDetails, sweep
      +config limit

    verb audit(PlaceRequest) Unit

    // Raised when an order is placed.
    export topic placed orders.Placed
      +partitions 4

    export realm data PlaceRequest {
      items [Item]
      // Free text.
      note String? +alias json "n"
      product catalog.Product
    }

    export realm data PlaceResponse {
      id Int
      status Status
    }

    export realm data Item {
      sku String
      qty Int
    }

    export realm enum Status: String {
      Pending = "pending"
      Done = "done"
    }

    export data Placed {
      id Int
      at Time
    }

    verb onPlaced(Placed) Unit
      +retry 3 5s 1m
      +subscribe placed from=beginning deadletter

    config limit Int
    secret apiKey String
    config region String
    database postgres db

    verb sweep(Unit) Unit
      +cron 0 */5 * * * *

    typealias Meta {String: [String]}
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
