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

  module m {
    export:realm data D {
      n String? +alias JSON "n"
      x [String?]
      y {String: Int?}
      c m.Page<Int?>
      q String +sql column "my table"."col x"
      r String +sql column t.c
    }

    export realm data Page<T> {
      items [T]
    }

    enum E: Int { A = 010 B 9 C = 0 }
    enum S: String { A "x" B = "tab\there \"q\" \u00e9" }
    enum T { A = String B m.D }

    verb sweep(Unit) Unit
      +cron   0  5   * * *

    verb sub(m.D) Unit
      +subscribe m.t from=latest
      +retry 0

    verb sub2(m.D) Unit
      +subscribe m.t from=latest
      +retry 0 catch m.c

    verb c(builtin.CatchRequest<m.D>) Unit

    topic t m.D

    verb web(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress GET /a/{id}/b-c.d
  }

  module s {
    config Region String
    config url String
    secret apiKey String
    secret token String

    database mysql accounts
    database postgres orders

    topic events s.apple
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
      +calls s.Zeta, s.zeta
      +database uses s.orders
      +secrets s.apiKey, s.token
      +config s.url
      +sql query one "SELECT 1"
      +generated
      +fixture manual
      +transaction
      +egress "https://${url}/b", "https://z"

    verb zeta(Unit) Unit
  }
}
