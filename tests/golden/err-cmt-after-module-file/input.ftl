module m {
}
// c
