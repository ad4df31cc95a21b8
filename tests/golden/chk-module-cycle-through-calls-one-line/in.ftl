realm r { module a { export verb x(Unit) Unit +calls b.y } module b { export verb y(Unit) Unit +calls a.x } }
