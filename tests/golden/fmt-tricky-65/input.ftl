external realm bank { module events { export realm topic t String } } realm shop { module m { verb v(Unit) Unit +publish events.t@bank } }
