realm shop {
  module orders {
    export realm verb place(orders.Missing) orders.Response
      +calls nothere
      +database uses orders.nodb

    data Response {
      id Int
      id String
    }

    data Response {}

    verb tick(Unit) Unit
      +cron not a cron

    topic events orders.Missing2
    verb sub(Int) Unit
      +subscribe orders.events from=beginning
  }
}
