module orders {
  export data Order {
  }
}
