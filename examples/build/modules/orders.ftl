// Places orders and charges for them through payments.
module orders {
  export data Order {
    id String
    charge payments.Charge
  }

  export verb place(orders.Order) Unit
    +calls payments.charge
}
