realm r {
  module m {
    +git "https://example.com/r.git" "abc123"
    +artefact "main" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" executable
    +image "img":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    +generated
    +calls other.v
    +cron Mon
    config c Int
  }
  module onlyMeta { +git "r" "c" dirty }
}
