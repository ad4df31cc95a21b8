realm r {
  module m {
    data D {
      deep [{String: [m.Page<{Int: [m.Pair<String, Bool?>]}>?]}]?
    }
  }
}
