realm r {
  module m {
    verb ping( Unit )Unit
    verb echo(String) String
    verb get(m.Request)m.Response
  }
}
