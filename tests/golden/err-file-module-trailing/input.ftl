module m {
}
data D {}
