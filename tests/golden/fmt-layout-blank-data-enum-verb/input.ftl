realm r {
  module m {
    data A {}
    data B {}
    enum E: Int { X = 1 }
    enum F: Int { Y = 2 }
    verb v(Unit) Unit
    verb w(Unit) Unit
    config c Int
    secret s String
    data C {}
  }
}
