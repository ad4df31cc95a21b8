realm r {}
module m {}
