external realm bank {
  module p {
    verb v(Unit) Unit
      +calls q.w@other
  }
}

external realm other {
  module q {
    export realm verb w(Unit) Unit
  }
}
