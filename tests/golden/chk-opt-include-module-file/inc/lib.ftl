module lib {
  data Item {
    sku String
  }
}
