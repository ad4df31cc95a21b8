module m {
}
realm r {}
