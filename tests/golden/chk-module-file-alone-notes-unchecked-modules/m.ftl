module m {
  data D {
    x other.Typo
    y other.More
    z [third.X]
  }
  verb v(Unit) Unit
    +calls other.call
}
