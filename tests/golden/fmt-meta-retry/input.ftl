realm r {
  module m {
    verb bare(m.E) Unit +retry
    verb zero(m.E) Unit +retry 0
    verb full(m.E) Unit +retry 3 5s 1m
    verb minOnly(m.E) Unit +retry 5s
    verb countMin(m.E) Unit +retry 10 1.5s
    verb octal(m.E) Unit +retry 010 1s
    verb catchOnly(m.E) Unit +retry catch m.c
    verb zeroCatch(m.E) Unit +retry 0 catch m.c
    verb all(m.E) Unit +retry 1m5s 1h catch m.c
    verb spaced(m.E) Unit
      +retry   7   2s   10m   catch   other.recover
  }
}
