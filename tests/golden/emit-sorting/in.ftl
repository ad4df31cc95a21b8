realm r {
  module m {
    verb zeta(Unit) Unit
    verb Zeta(Unit) Unit
    data apple {
      z Int
      a Int
    }
    data Zebra<T, A> {
      +generated
      +encoding json lenient
      t T
    }
    enum Color: Int {
      Red = 2
      Blue = 1
    }
    typealias Meta {String: [String]}
      +typemap go "x.Meta"
      +typemap go "y.Meta"
    typealias Alias String
    topic events m.apple
      +partitions 2
      +generated
    database postgres orders
    database mysql accounts
    secret token String
    config url String
    secret apiKey String
    config Region String

    verb all(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +egress "https://z", "https://${url}/b"
      +transaction
      +fixture manual
      +generated
      +sql query one "SELECT 1"
      +config m.url
      +secrets m.token, m.apiKey
      +database uses m.orders
      +calls m.zeta, m.Zeta
      +encoding json
      +alias json "x"
      +ingress http GET /all
  }
}
