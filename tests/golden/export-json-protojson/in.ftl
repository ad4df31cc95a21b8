realm bank {
  module accounts {
    // Escapes as protojson writes them: <b> & "q" \\ é , and a tab	here.
    export realm data Page<T> {
      items [T]
      next String? +alias json "next_page"
    }

    export realm enum Level: Int {
      Zero = 0
      Big = 9223372036854775807
    }

    export realm verb list(accounts.Level) accounts.Page<String>
  }
}
