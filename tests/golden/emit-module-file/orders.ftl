// Orders.
module orders {
  +git "https://example.com/o.git" "abc"
  +artefact "bin/main" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" executable

  verb onPlaced(Placed) Unit
    +retry 3 5s 1m
    +subscribe placed from=beginning deadletter
    +calls audit

  verb audit(Placed) Unit

  export verb http(HttpRequest<Unit, Unit, Unit>) HttpResponse<Empty, Unit>
    +ingress http GET /orders

  topic placed Placed

  data Placed {
    id Int
    page Page<Placed>
  }

  data Page<T> {
    items [T]
  }

  verb catcher(CatchRequest<Placed>) Unit
}
