realm shop {}
external realm bank {}
  external   realm bank {}
