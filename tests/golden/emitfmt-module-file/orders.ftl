// Orders.
module orders {
  +git "https://example.com/o.git" "abc"

  data Placed {
    id Int
  }

  export verb http(HttpRequest<Unit, Unit, Unit>) HttpResponse<Empty, Unit>
    +ingress http GET /orders

  topic placed orders.Placed

  verb onPlaced(orders.Placed) Unit
    +subscribe orders.placed from=beginning deadletter
}
