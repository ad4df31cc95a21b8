// hello
realm r {}
