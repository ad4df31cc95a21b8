realm r {
  module events {
    export data Event {
      id Int
    }

    export topic happened events.Event
  }

  module m {
    topic t events.Event
    topic audit events.Event

    // Declared by hand, with the right event type: not generated again.
    topic bFailed builtin.FailedEvent<events.Event>

    verb a(events.Event) Unit
      +subscribe events.happened from=latest deadletter

    verb b(events.Event) Unit
      +subscribe m.t from=beginning deadletter

    verb c(events.Event) Unit
      +publish m.audit
      +subscribe m.t from=latest deadletter

    verb d(events.Event) Unit
      +subscribe m.t from=latest deadletter
      +publish m.dFailed, m.audit

    verb e(events.Event) Unit
      +subscribe m.t from=latest
  }
}
