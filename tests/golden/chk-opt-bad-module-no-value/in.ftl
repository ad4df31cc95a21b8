realm r {
}
