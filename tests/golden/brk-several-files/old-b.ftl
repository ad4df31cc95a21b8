module b {
  export realm verb y(String) String
}
