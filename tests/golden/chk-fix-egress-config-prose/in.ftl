realm shop {
  module m {
    // No edit: "9x" is no name, "Int" a reserved one.
    verb v(Unit) Unit
      +egress "${9x}", "${Int}"
  }

  // No edit: the verb does not start its line.
  module n { verb x(Unit) Unit
    +egress "${url}"
  }
}
