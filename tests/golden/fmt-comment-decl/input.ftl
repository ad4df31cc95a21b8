realm r {
  module m {
    // A config.
    config c Int
    // A secret.
    secret s String
    // A database.
    database postgres db
    // A topic.
    topic t m.D
    // An alias.
    typealias T String
    // An enum.
    enum E: Int { A = 1 }
    // A data.
    data D {}
    // A verb.

    // (still the verb)
    verb v(Unit) Unit +cron Mon
  }
}
