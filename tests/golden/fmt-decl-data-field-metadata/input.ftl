realm r {
  module m {
    data Row {
      id Int
        +sql column users.id
      displayName String? +alias json "display_name"   +sql column users."display name"
      raw Bytes
    }
  }
}
