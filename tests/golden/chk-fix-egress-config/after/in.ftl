realm shop {
  module m {
    config base String

    verb a(Unit) Unit
    secret token String

    config host String
    config port String
    config a String
    config token String
    // Calls the bank.
    verb v(Unit) Unit
      +egress "${base}/${host}", "${port}"

    verb w(Unit) Unit
      +egress "https://${host}/${a}?t=${token}"
  }

  module n {
    config url String
    verb x(Unit) Unit
      +egress "${url}"
  }
}
