realm r {
  module m {
    topic a m.E
    topic b m.E +partitions 2

    export topic c m.E
    typealias T1 String
    typealias T2 Int
      +typemap go "x.Y"
    typealias T3 Bool
    topic d m.E
  }
}
