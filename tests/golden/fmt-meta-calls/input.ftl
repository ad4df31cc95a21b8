realm r {
  module m {
    verb a(Unit) Unit +calls m.b
    verb b(Unit) Unit
      +calls m.c ,other.d,   e
    verb c(Unit) Unit +calls payments.charge@bank, m.g<Int?>
  }
}
