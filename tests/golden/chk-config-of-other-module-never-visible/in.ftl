realm r { module a { config c String } module b { verb y(Unit) Unit +config a.c } }
