module checkout {
  verb place(Unit) Unit
    +calls catalog.lookup
}
