realm r {
  module m {
    +artefact "p" "abc"
  }
}
