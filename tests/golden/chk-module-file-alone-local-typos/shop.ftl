module shop {
  data Order {
    id Strin
    total Int
  }
  data Note {
    about other.Thing
    at builtin.Nope
  }

  verb place(shop.Order) Unit
    +calls shop.chrge
}
