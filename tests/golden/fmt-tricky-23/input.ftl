realm r { module m { config X String secret X String } }
realm r { module m { config X String config X Int } }
