module map {
  data String {
  }

  topic Events m.String

  config c String
  config c Int

  data D {
    +calls map.v
    f Int +generated
  }

  typealias A String
    +alias json "a"

  verb v(Unit) Unit
    +cron Mon
    +cron Tue
    +egress "${nope}"
    +sql column t.c

  verb w(Unit) Unit
    +retry 1 1s
}
