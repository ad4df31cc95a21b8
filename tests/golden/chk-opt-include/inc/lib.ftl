module lib {
  export data Item {
    sku String
  }
}
