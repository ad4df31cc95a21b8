builtin module builtin {
  export data Empty {}
}
