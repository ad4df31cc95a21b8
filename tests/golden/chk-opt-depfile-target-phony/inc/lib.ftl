module lib {
  export data Item {
    sku String
    price base.Money
  }
}
