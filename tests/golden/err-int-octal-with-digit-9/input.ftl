realm r { module m { enum E: Int { A = 09 } } }
