realm r { module a { verb x(Unit) Unit } module b { verb y(Unit) Unit +calls a.x } }
