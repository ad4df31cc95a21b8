module m {}


