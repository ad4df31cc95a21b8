external realm bank {
  module p {
  }
}

external realm bank {
  module q {
  }
}

realm shop {
}
