realm r {
  module a {
    data D {
      x a.Nope
    }
  }

  module b {
    data D {
      x b.Nope
    }
  }

  module c {
    data D {
      x c.Nope
    }
  }
}
