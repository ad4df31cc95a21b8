external realm bank {
  module p {
    export realm data D {
      x p.Nope
    }
  }
}

realm shop {
}
