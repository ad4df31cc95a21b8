realm r {}


