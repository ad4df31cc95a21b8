realm r {
  module m {
    verb v(Unit) Unit
      +config m.noConfig
      +secrets m.noSecret
      +database uses m.noDb
      +publish m.noTopic

    verb s(Unit) Unit
      +subscribe m.noTopic from=latest
      +retry 1 1s catch m.noCatch
  }
}
