realm shop {
  module m {
    export data E {
      id Int
    }

    export topic t m.E

    topic vFailed builtin.FailedEvent<m.E>

    verb v(m.E) Unit
      +subscribe m.t from=latest deadletter

    topic wFailed builtin.FailedEvent<[Int]>

    verb w([Int]) Unit
      +subscribe m.u from=beginning deadletter

    export topic u [Int]
  }
}
