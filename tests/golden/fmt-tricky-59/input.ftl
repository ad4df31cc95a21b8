realm r { module m { verb a(Unit) Unit verb b(Unit) Unit verb v(Unit) Unit +calls m.b, m.a } }
