realm r {
  module m {
    enum Shape {
      Circle m.Circle
      Square = m.Square
      Name String
      Maybe = Int?
      List [m.Circle]
    }
  }
}
