realm r {
  module m {
    export:realm data D {
      n String? +alias JSON "n"
      x [String?]
      y {String: Int?}
      c m.Page<Int?>
      q String +sql column "my table"."col x"
      r String +sql column t.c
    }

    export realm data Page<T> {
      items [T]
    }

    enum E: Int { A = 010 B 9 C = 0 }
    enum S: String { A "x" B = "tab\there \"q\" \u00e9" }
    enum T { A = String B m.D }

    verb sweep(Unit) Unit
      +cron   0  5   * * *

    verb sub(m.D) Unit
      +subscribe m.t from=latest
      +retry 0

    verb sub2(m.D) Unit
      +subscribe m.t from=latest
      +retry 0 catch m.c

    verb c(builtin.CatchRequest<m.D>) Unit

    topic t m.D

    verb web(builtin.HttpRequest<Unit, String, Unit>) builtin.HttpResponse<Unit, Unit>
      +ingress GET /a/{id}/b-c.d
  }
}
