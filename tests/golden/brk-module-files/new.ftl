module m {
  export realm verb a(String) Int
}
