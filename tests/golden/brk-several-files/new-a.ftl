module a {
  export realm verb x(String) String
}
