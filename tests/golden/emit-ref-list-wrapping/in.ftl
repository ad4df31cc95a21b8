realm r {
  module m {
    verb a(Unit) Unit
      +calls m.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxa

    verb b(Unit) Unit
      +calls m.aaaaaaaaaaaaaaaaaaaa, m.bbbbbbbbbbbbbbbbbbbbb, m.cccccccccccccccccccc, m.dddddddddddddddddddd, m.eeeeeeeeeeeeeeeeeeee, m.ffffffffffffffffffff
      +database uses m.databaseNumberOneWithALongName, m.databaseNumberTwoWithALongName, m.db3

    verb xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxa(Unit) Unit
    verb aaaaaaaaaaaaaaaaaaaa(Unit) Unit
    verb bbbbbbbbbbbbbbbbbbbbb(Unit) Unit
    verb cccccccccccccccccccc(Unit) Unit
    verb dddddddddddddddddddd(Unit) Unit
    verb eeeeeeeeeeeeeeeeeeee(Unit) Unit
    verb ffffffffffffffffffff(Unit) Unit
    database postgres databaseNumberOneWithALongName
    database postgres databaseNumberTwoWithALongName
    database postgres db3
  }
}
