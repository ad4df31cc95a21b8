module m {
  verb v(m.E) Unit
    +subscribe m.t from=latest
    +retry 0
}
