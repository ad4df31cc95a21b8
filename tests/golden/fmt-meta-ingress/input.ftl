realm r {
  module m {
    verb get(Unit) Unit +ingress http GET /users/{id}
    verb post(Unit) Unit +ingress http POST /users
    verb put(Unit) Unit +ingress http PUT /users/{id}/name
    verb delete(Unit) Unit +ingress http DELETE /users/{id}
    verb noHttp(Unit) Unit +ingress GET /a
    verb root(Unit) Unit +ingress http GET /
    verb rootNoHttp(Unit) Unit +ingress POST /
  }
}
