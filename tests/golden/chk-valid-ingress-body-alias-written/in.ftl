realm r {
  module other {
    export data X {
    }
  }

  module m {
    typealias B [String]
    typealias C m.D
      +typemap go "x.C"

    data D {
    }

    enum T {
      A m.D
    }

    verb v(builtin.HttpRequest<m.B, Unit, Unit>) builtin.HttpResponse<m.C, Unit>
      +ingress http POST /v

    verb w(builtin.HttpRequest<m.T?, Unit, Unit>) builtin.HttpResponse<other.X, Unit>
      +ingress PUT /w
  }
}
