realm r {
  module a {
    verb x(Unit) Unit
      +calls a.y

    verb y(Unit) Unit
      +calls a.x
  }
}
