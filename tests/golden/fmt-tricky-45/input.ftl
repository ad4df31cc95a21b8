realm r { module m { data E {} topic t m.E
 verb a(m.E) Unit +subscribe m.t from=latest +retry 0
 verb b(m.E) Unit +subscribe m.t from=latest +retry 0 5s
 verb c(m.E) Unit +subscribe m.t from=latest +retry 10 5s 1s
 verb d(m.E) Unit +subscribe m.t from=latest +retry 1m90s
 verb e(m.E) Unit +subscribe m.t from=latest +retry 5s1m
 verb f(m.E) Unit +subscribe m.t from=latest +retry 2d
} }
