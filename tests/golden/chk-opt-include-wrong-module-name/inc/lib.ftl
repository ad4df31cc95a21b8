module library {
  export data Item {
    sku String
  }
}
