module orders {
  data Order {
    id Int
  }
}
