realm r { module m { data D { f Int +generated } } }
realm r { module m { data D { +calls m.v } } }
realm r { module m { data E {} topic t m.E +calls m.v verb v(Unit) Unit } }
