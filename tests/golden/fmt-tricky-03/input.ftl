// hello
module m {}
