// Orders.
module orders {
  +git "https://example.com/o.git" "abc"
  topic onPlacedFailed builtin.FailedEvent<orders.Placed>
  topic placed orders.Placed

  data Page<T> {
    items [T]
  }

  data Placed {
    id Int
    page orders.Page<orders.Placed>
  }

  verb audit(orders.Placed) Unit

  verb catcher(CatchRequest<orders.Placed>) Unit

  export verb http(HttpRequest<Unit, Unit, Unit>) HttpResponse<Empty, Unit>
    +ingress http GET /orders

  verb onPlaced(orders.Placed) Unit
    +calls orders.audit
    +subscribe orders.placed from=beginning deadletter
    +retry 3 5s 1m
    +publish orders.onPlacedFailed
}
