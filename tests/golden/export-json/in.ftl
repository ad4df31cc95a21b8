realm shop {
  module api {
    export realm data Page<T> {
      items [T]
      next String?
    }

    export realm data Item {
      id String
    }

    export realm data Query {
      q String
    }

    // An ingress verb reaches HttpRequest and HttpResponse; a catch verb CatchRequest and Ref.
    export realm verb list(builtin.HttpRequest<Unit, Unit, api.Query>) builtin.HttpResponse<api.Page<api.Item>, builtin.Empty>
      +ingress http GET /items

    export realm verb onError(builtin.CatchRequest<api.Item>) Unit
  }
}
