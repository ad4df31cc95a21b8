realm shop {
  // Orders: module comments stay, module metadata goes.
  module orders {
    +git "https://example.com/shop.git" "0123abc"
    +artefact "bin/main" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    config limit Int
    secret apiKey String
    config base String

    database postgres db
      +migration sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

    // Kept: +encoding on data, +alias on fields.
    export realm data Order {
      +encoding json
      +generated
      id Int +alias json "ID"
      col String +sql column orders.col
    }

    export realm typealias Sku String
      +typemap go "example.com/shop.Sku"
      +typemap java "com.example.Sku"

    export realm topic placed orders.Order
      +partitions 4

    // Kept: +ingress and +encoding; every other item goes.
    export realm verb api(builtin.HttpRequest<orders.Order, Unit, Unit>) builtin.HttpResponse<orders.Order, String>
      +ingress http POST /orders
      +encoding json lenient
      +calls orders.store
      +config orders.limit
      +secrets orders.apiKey
      +database uses orders.db
      +publish orders.placed
      +egress "${base}/x"

    export realm verb consume(orders.Order) Unit
      +subscribe orders.placed from=beginning deadletter
      +retry 3 1s 1m

    export realm verb tick(Unit) Unit
      +cron 0 * * * *
      +fixture manual

    export realm verb store(orders.Order) Unit
      +database uses orders.db
      +sql query exec "INSERT INTO orders VALUES (1)"
      +transaction
  }
}
