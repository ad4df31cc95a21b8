realm shop {
  module orders {
    verb place(a.A) b.B
      +calls c.C
  }
}
