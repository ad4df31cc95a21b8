realm r {
  module m {
    verb a(m.E) Unit +subscribe m.t from=beginning
    verb b(m.E) Unit +subscribe m.t from=latest
    verb c(m.E) Unit +subscribe t from = beginning deadletter
    verb d(m.E) Unit
      +subscribe other.t from=latest   deadletter
  }
}
