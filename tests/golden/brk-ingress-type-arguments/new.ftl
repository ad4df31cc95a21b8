realm shop {
  module m {
    export realm data Params {
      id String
      lang String
    }

    export realm data Out {
      name String
    }

    export realm verb get(builtin.HttpRequest<Unit, m.Params, Unit>) builtin.HttpResponse<m.Out, String>
      +ingress http GET /items/{id}
  }
}
