realm r {}
