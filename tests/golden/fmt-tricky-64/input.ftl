external realm bank { module payments { export realm verb charge(Unit) Unit export realm data Money { amount Int } } }
realm shop { module c { verb pay(Unit) Unit +calls payments.charge@bank verb quote(Unit) payments.Money@bank export realm verb api(Unit) Unit +calls c.quote } }
