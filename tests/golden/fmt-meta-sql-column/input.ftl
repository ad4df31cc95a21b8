realm r {
  module m {
    data Row {
      a Int +sql column users.id
      b Int +sql column "users"."name"
      c Int +sql column "my table"."col x"
      d Int +sql column users."1st"
      e Int +sql column "" . _x9
      f Int +sql column "data"."verb"
      g Int +sql column "tab\tle"."with.dot"
    }
  }
}
