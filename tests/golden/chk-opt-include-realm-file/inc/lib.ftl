realm x {
  module lib {
  }
}
