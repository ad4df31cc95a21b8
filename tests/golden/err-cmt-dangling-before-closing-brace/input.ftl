realm r { module m { data A {}
 // dangling
 } }
