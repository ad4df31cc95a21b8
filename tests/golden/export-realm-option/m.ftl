module m {
  export realm verb v(m.E) Unit

  data E {
  }
}
