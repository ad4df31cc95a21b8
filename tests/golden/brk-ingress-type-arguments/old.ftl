realm shop {
  module m {
    export realm data Params {
      id String
    }

    export realm data Out {
      name String
      size Int
    }

    export realm verb get(builtin.HttpRequest<Unit, m.Params, Unit>) builtin.HttpResponse<m.Out, String>
      +ingress http GET /items/{id}
  }
}
