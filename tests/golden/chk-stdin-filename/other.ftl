module o {
  data E {
    d m.D
  }
}
