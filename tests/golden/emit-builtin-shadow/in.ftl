realm r {
  module m {
    data Empty {
    }

    verb v(Empty) Unit

    verb w(m.Empty) HttpResponse<Empty, Empty>

    data D {
      x Empty.HttpRequest<Unit, Unit, Unit>
      y Ref
    }
  }
}
