realm r {
  module m {
    typealias X String
      +typemap go "x.X"
      +typemap go "y.Y"
      +typemap kotlin "z.Z"
  }
}
