realm r {
  module m {
    data P {
      id String
      name String
    }

    data Q {
      limit Int
    }

    verb a(builtin.HttpRequest<Unit, m.P, m.Q>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /a/{id}/{name}

    verb b(builtin.HttpRequest<Unit, {String: String}, {String: [String]}>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /b/{x}

    verb c(builtin.HttpRequest<Unit, String, {String: String}>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /u/{id}

    verb d(builtin.HttpRequest<Unit, Unit, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress http GET /
  }
}
