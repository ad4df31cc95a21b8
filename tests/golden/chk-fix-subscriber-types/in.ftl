realm shop {
  module m {
    export data E {
      id Int
    }

    export data F {
      name String
    }

    export topic t m.E

    verb v(m.F) String
      +subscribe m.t from=latest

    verb w([Int]) m.E
      +subscribe m.u from=beginning

    export topic u [Int]
  }
}
