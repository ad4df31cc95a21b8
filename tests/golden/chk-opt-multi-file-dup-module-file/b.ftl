// again
module orders {
  data X {
  }
}
