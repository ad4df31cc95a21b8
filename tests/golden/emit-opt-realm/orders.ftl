module orders {
  verb place(Order) Unit

  data Order {
    id Int
  }
}
