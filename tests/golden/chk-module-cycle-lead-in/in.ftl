realm r {
  module a {
    export data A {
      b b.B
    }
  }

  module b {
    export data B {
      c c.C
    }
  }

  module c {
    export data C {
      d d.D
    }
  }

  module d {
    export data D {
      c c.C
    }
  }
}
