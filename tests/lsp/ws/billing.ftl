module billing {
  verb bill(orders.Order) Unit
    +calls orders.place
    +subscribe orders.placed from=beginning
}
