external realm bank { module payments { export realm verb charge(Unit) Unit } } realm shop { module c { verb pay(Unit) Unit +calls charge@bank verb pay2(Unit) Unit +calls payments.charge@nosuch } }
