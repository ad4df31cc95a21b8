module orders {
  data X {
  }
}
