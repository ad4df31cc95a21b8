realm r {
  // First module.
  //
  // Second paragraph.
  module a {
  }
  // Only one line.


  // Blank lines inside the run are dropped.
  module b {
    data D {}
  }
}
