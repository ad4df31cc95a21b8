realm r {
  module m {
    data P {
    }

    export data D {
      +publish m.P
    }
  }
}
