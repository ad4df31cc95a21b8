realm shop {
  module m {
    export data E {
      id Int
    }

    export data F {
      name String
    }

    export topic t m.E

    verb v(m.E) Unit
      +subscribe m.t from=latest

    verb w([Int]) Unit
      +subscribe m.u from=beginning

    export topic u [Int]
  }
}
