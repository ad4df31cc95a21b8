realm r { module m { enum E {} } }
realm r { module m { enum E: String {} } }
