realm r {
  // Maps.
  module map {}
  builtin module other {}
}
