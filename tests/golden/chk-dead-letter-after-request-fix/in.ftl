realm shop {
  module m {
    export data E {
      id Int
    }

    export data F {
      name String
    }

    export topic t m.E

    // E0416 edits the request: E0418 has no edit until that is done (its
    // type would follow the request as it was).
    verb v(m.F) Unit
      +subscribe m.t from=latest deadletter

    topic vFailed builtin.FailedEvent<String>
  }
}
