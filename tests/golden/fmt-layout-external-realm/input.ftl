external   realm bank {
  module payments {
    export realm verb charge(Unit) Unit
  }
}
realm shop {
  module c {
    verb pay(Unit) Unit +calls payments.charge@bank
  }
}
