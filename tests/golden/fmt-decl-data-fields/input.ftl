realm r {
module m {
data User {
id    Int
  name String
    email String?
  tags [String]
}
}
}
