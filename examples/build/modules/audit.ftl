// Independent of the others: a change elsewhere never rebuilds it.
module audit {
  export data Entry {
    what String
  }

  verb record(audit.Entry) Unit
}
