realm r {
  module m {
    verb a(Unit) Unit +ingress http GET /v1.0/users-list/a_b/{id}
    verb b(Unit) Unit +ingress http GET /a_b=c,d/x:y/50%/~me
    verb c(Unit) Unit +ingress http GET /{a}/{b}/{c}
    verb d(Unit) Unit +ingress http GET /x[1]<2>(3)*+?^$|#!'@\
    verb e(Unit) Unit
      +ingress http POST /orders/{orderId}/items/{itemId}
  }
}
