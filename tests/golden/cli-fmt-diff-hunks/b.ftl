module b {
}
