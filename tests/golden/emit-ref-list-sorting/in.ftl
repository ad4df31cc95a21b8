realm r {
  module m {
    verb one(Unit) Unit
      +calls m.b, m.a, m.b

    verb two(Unit) Unit
      +calls m.b, m.a, m.b
      +config m.z, m.y

    verb targets(Unit) Unit
      +egress "https://b", "https://a"

    verb targets2(Unit) Unit
      +egress "https://b", "https://a"
      +transaction
      +database uses m.db

    verb a(Unit) Unit
    verb b(Unit) Unit
    config y String
    config z String
    database postgres db
  }
}
