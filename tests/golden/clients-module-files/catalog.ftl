module catalog {
  export verb lookup(String) Unit
}
