realm shop {
  module m {
    export data D {
    }

    data E {
      x m.D@shop
      y [m.D@shop]
    }

    verb v(m.D@shop) Unit
      +calls m.v@shop
  }
}
