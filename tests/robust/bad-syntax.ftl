realm shop {
  module orders {
    data Order {
      id Int??
      note String +alias yaml "n"
    }

    verb place(Order) Unit
      +ingress http get /a//b
      +retry 10 5 s

    enum E: Int { A = -1 }
    data é {}
    data X { y "unterminated }
  }
}
