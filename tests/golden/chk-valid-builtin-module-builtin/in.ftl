realm r {
  builtin module builtin {
    export data Whatever {
    }
  }
}
