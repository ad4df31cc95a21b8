realm r { module builtin { export data X {} } module m { data D { x builtin.X } } }
