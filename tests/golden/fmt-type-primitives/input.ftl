realm r {
  module m {
    data P {
      i Int
      f Float
      s String
      b Bytes
      o Bool
      t Time
      a Any
      u Unit
    }
  }
}
