realm r { module m { data String {} } }
realm r { module m { data string {} } }
