external realm bank {
  module p {
    export realm data D {
    }

    export realm verb v(p.D@bank) Unit
  }
}
