realm a { module m { data D {} } }


realm b {
  module n {}
  module o {}
}
realm c {}
