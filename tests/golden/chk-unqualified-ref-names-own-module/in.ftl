realm r { module echo { data echo {} verb v(echo) Unit } }
